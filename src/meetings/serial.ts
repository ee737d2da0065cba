// One change at a time per meeting within this process: call events and clicks arrive together and each one
// reads, changes and writes the whole record. Across server instances, versioned.ts's compare-and-set keeps
// changes from being lost; this queue just spares one instance from racing itself.

/** Runs tasks one after another per key; different keys run side by side. */
export interface KeyedSerial {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** An in-process KeyedSerial (other instances are kept in line by the store's compare-and-set). */
export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
