import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

export interface DemoChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly running: boolean;
}

/**
 * The demo's child processes (the production entry points under dist/), their output prefixed with the
 * process name in one log file, and their teardown: SIGTERM, a bounded wait, then SIGKILL.
 */
export class DemoChildren {
  private readonly children: DemoChild[] = [];
  private readonly log: WriteStream;

  constructor(
    private readonly root: string,
    readonly logPath: string,
  ) {
    this.log = createWriteStream(logPath, { flags: 'a' });
  }

  start(name: string, script: string, env: Record<string, string>): DemoChild {
    const child = spawn(process.execPath, [script], {
      cwd: this.root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const write = (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line !== '') this.log.write(`${name} | ${line}\n`);
    };
    child.stdout?.on('data', write);
    child.stderr?.on('data', write);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const entry: DemoChild = {
      name,
      child,
      exited,
      get running() {
        return child.exitCode === null && child.signalCode === null;
      },
    };
    this.children.push(entry);
    return entry;
  }

  /** Resolves once `url` answers 200; fails early, with the log's tail, when the process exits. */
  async waitReady(entry: DemoChild, url: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!entry.running) {
        throw new Error(
          `${entry.name} exited during start-up (code ${entry.child.exitCode}):\n${this.tail(entry.name)}`,
        );
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${entry.name} not ready at ${url} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The last lines this process logged. */
  tail(name: string, lines = 20): string {
    try {
      const own = readFileSync(this.logPath, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(`${name} | `));
      return own.slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** SIGTERM to all, then SIGKILL whatever has not exited within `graceMs`. */
  async stopAll(graceMs = 8000): Promise<void> {
    const running = this.children.filter((c) => c.running);
    for (const c of running) c.child.kill('SIGTERM');
    const timer = new Promise((r) => setTimeout(r, graceMs).unref());
    await Promise.race([Promise.all(running.map((c) => c.exited)), timer]);
    for (const c of running) if (c.running) c.child.kill('SIGKILL');
    await Promise.all(running.map((c) => c.exited));
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }

  /** Last resort on process exit: synchronous SIGKILL. */
  killNow(): void {
    for (const c of this.children) if (c.running) c.child.kill('SIGKILL');
  }
}
