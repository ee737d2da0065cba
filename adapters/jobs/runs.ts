// The tries running on this instance: what `stop` waits for, and hands back when they outlast its timeout.
import type { JobName } from './queue';

/** One try running here. */
export interface RunningTry {
  readonly id: string;
  readonly name: JobName;
  readonly controller: AbortController;
}

/** Tracks running tries per queue. */
export interface RunTracker {
  /** Counts `run` as running until `done` settles. */
  add(run: RunningTry, done: Promise<unknown>): void;
  /** Tries of `name` running now. */
  count(name: JobName): number;
  /** Waits up to `timeoutMs` for every try to end; returns those still running then. */
  drain(timeoutMs: number): Promise<RunningTry[]>;
}

/** A new, empty tracker. */
export function runTracker(): RunTracker {
  const running = new Map<string, { run: RunningTry; done: Promise<unknown> }>();
  return {
    add(run, done) {
      const entry = { run, done: done.catch(() => undefined) };
      running.set(run.id, entry);
      void entry.done.then(() => {
        if (running.get(run.id) === entry) running.delete(run.id);
      });
    },
    count(name) {
      let n = 0;
      for (const { run } of running.values()) if (run.name === name) n++;
      return n;
    },
    async drain(timeoutMs) {
      if (running.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
        await Promise.race([Promise.all([...running.values()].map((e) => e.done)), timeout]);
        clearTimeout(timer);
      }
      return [...running.values()].map((e) => e.run);
    },
  };
}

/** Rejects when `signal` aborts, so a handler that ignores its signal still lets its try end. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
