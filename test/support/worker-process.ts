import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything the process logged (pino JSON lines). */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * A real worker process through its production entry point (`src/processors/worker.ts`, run from source
 * with tsx so the test needs no build), for crash and shutdown tests.
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/processors/worker.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Short locks so a job left by a dead or departed process is taken over in about two seconds. */
export const FAST_STALL = { WORKER_LOCK_DURATION_SECONDS: '2', WORKER_STALLED_INTERVAL_SECONDS: '1' };

/** The worker processes a test started, killed together when it ends. */
export class WorkerFleet {
  private readonly processes: WorkerProcess[] = [];

  start(env: Record<string, string>): WorkerProcess {
    const p = spawnWorker(env);
    this.processes.push(p);
    return p;
  }

  async killAll(): Promise<void> {
    for (const p of this.processes.splice(0)) await p.kill('SIGKILL');
  }
}
