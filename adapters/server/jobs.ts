// Work that outlives the request that started it (acks before replies, subscriptions): tracked so shutdown can wait.

/** Background work in flight. */
export interface Jobs {
  /** Runs `work` in the background; its failure is reported to `onError`, never thrown. */
  track(name: string, work: Promise<unknown>): void;
  /** Resolves when every tracked job has settled (including jobs started while waiting). */
  drain(): Promise<void>;
}

/** A job tracker; `onError` hears about failed jobs (the server logs them). */
export function createJobs(onError: (name: string, error: unknown) => void): Jobs {
  const inFlight = new Set<Promise<unknown>>();
  return {
    track(name, work) {
      const job = work.then(
        () => undefined,
        (error: unknown) => onError(name, error),
      );
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
