// One meetbot instance as a child process (`meetbot serve`), on a port of its own that it keeps across restarts,
// so a test can SIGKILL it, SIGTERM it, and start it again where it was.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = join(__dirname, '..', '..', 'bin', 'meetbot.js');
const KEPT_LINES = 3000;

/** A free loopback port (free now; the instance takes it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** One instance: its env is fixed at creation, its process comes and goes. */
export class Instance {
  readonly url: string;
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private lines: string[] = [];
  /** False from a kill until the restarted process answers /readyz. */
  up = false;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the process and waits until it is ready. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // Never outlives the test process, however that ends.
    const orphaned = () => child.kill('SIGKILL');
    process.once('exit', orphaned);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.removeListener('exit', orphaned);
        resolve();
      }),
    );
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited while starting:\n${this.logs()}`);
      const ready = await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false);
      if (ready) {
        this.up = true;
        return;
      }
      await sleep(100);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.logs()}`);
  }

  /** True while its process runs. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: nothing is handed back, nothing is finished. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.up = false;
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as a rolling restart sends it; resolves with how long the process took to exit. */
  async term(): Promise<number> {
    this.up = false;
    if (!this.running) return 0;
    const t0 = Date.now();
    this.child?.kill('SIGTERM');
    await this.exited;
    return Date.now() - t0;
  }

  /** The last lines it logged (for a failing test's message). */
  logs(limit = 40): string {
    return this.lines.slice(-limit).join('\n');
  }
}
