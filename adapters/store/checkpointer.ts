// Checkpoints the SQLite write-ahead log from a worker thread. SQLite's own checkpoint runs inside the commit that
// crosses its threshold, on the event loop, and waits there for its fsyncs: on a slow disk that is most of what a
// small transaction costs. The worker does the same work on a connection of its own, beside the event loop.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops checkpointing and closes the worker's connection. */
  stop(): Promise<void>;
}

/** How often the worker checkpoints (about a second's writes stay in the log), and how often a log is looked at before. */
const INTERVAL_MS = 1000;
/** The log's size at which the worker starts: SQLite's own threshold (1,000 pages). An idle server never starts it. */
const START_AT_BYTES = 1000 * 4096;
/** Log pages past which the worker waits for the writer rather than letting the log grow (64 MB of 4 KB pages). */
const RESTART_PAGES = 16_384;

// Plain JavaScript, so the worker needs no TypeScript loader. PASSIVE never waits for the writer; a log that still
// grew past RESTART_PAGES (writes without a pause for minutes) is checkpointed with RESTART, which does.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    const [state] = db.pragma('wal_checkpoint(PASSIVE)');
    if (state && state.log > workerData.restartPages) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** Bytes in the write-ahead log of the database at `path` (0 when there is none yet). */
function logBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** The worker, checkpointing from now on. */
function startWorker(path: string, onFailure: (reason: string) => void): Checkpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS, restartPages: RESTART_PAGES },
    // It holds a connection and a timer: a small heap is plenty, and keeps its memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  // A checkpointer never keeps the process alive.
  worker.unref();
  let stopping = false;
  worker.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && 'error' in m) onFailure(String(m.error));
  });
  worker.on('error', (err) => onFailure(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => {
    if (!stopping) onFailure('the checkpoint worker exited');
  });
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}

/**
 * Checkpoints the WAL of the database file at `path` from a worker thread, started once the log first grows to
 * SQLite's own threshold. `onFailure` hears a worker that could not start or stopped working: the caller then lets
 * SQLite checkpoint inside commits again.
 */
export function startCheckpointer(path: string, onFailure: (reason: string) => void): Checkpointer {
  let worker: Checkpointer | undefined;
  const watch = setInterval(() => {
    if (logBytes(path) < START_AT_BYTES) return;
    clearInterval(watch);
    worker = startWorker(path, onFailure);
  }, INTERVAL_MS);
  watch.unref();
  return {
    async stop() {
      clearInterval(watch);
      await worker?.stop();
    },
  };
}
