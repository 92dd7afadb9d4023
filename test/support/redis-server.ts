import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A private `redis-server` for tests, on a free port and a temporary directory, configured as the
 * product wants Redis for a queue (hz 100 for timely delayed jobs, noeviction, AOF). It can be stopped,
 * killed with SIGKILL and restarted on the same port and data, for fault tests. Never the shared 6379.
 */
export class RedisServer {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const dir = await mkdtemp(join(tmpdir(), 'opctl-redis-'));
    const server = new RedisServer(await freePort(), dir);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the server (again) on the same port and directory; resolves once it accepts PING. */
  async restart(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      'redis-server',
      redisServerArgs(this.port, this.dir, ['--appendonly', 'yes', '--appendfsync', 'always']),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await ping(this.port))) {
      if (this.child !== child) throw new Error(`redis-server exited at start: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${this.port}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Graceful stop (SIGTERM: Redis flushes the AOF). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Abrupt death, as when a node is lost. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(sig);
    await exited;
    this.child = null;
  }
}

/**
 * A loopback redis-server configured as the product wants Redis for a queue (hz 100 for timely delayed
 * jobs, noeviction), without RDB snapshots; `extra` adds persistence or cluster flags.
 */
export function redisServerArgs(port: number, dir: string, extra: readonly string[] = []): string[] {
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--dir', dir, '--save', ''],
    ...['--hz', '100', '--maxmemory-policy', 'noeviction'],
    ...extra,
  ];
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
