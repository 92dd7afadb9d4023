import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../test/support/free-port.js';
import { redisServerArgs } from '../test/support/redis-server.js';

export interface DemoRedis {
  readonly url: string;
  /** How the demo got it, for the banner. */
  readonly origin: string;
  /** Stops a redis-server the demo started (nothing for REDIS_URL). */
  stop(): Promise<void>;
  /** Last resort on process exit: kill synchronously. */
  killNow(): void;
}

export class RedisUnavailableError extends Error {}

const HOW_TO_GET_REDIS = [
  'The demo needs Redis and found none:',
  '  - REDIS_URL is not set or does not answer PING, and',
  '  - there is no redis-server on PATH to start a private one.',
  'Install Redis with your package manager (apt-get install redis-server, brew install redis, dnf install redis),',
  'or run one in a container: `docker compose up -d redis` then `REDIS_URL=redis://127.0.0.1:6379 npm run demo`.',
].join('\n');

/** Uses REDIS_URL when it answers PING; else starts redis-server from PATH on a free port. */
export async function resolveRedis(env: NodeJS.ProcessEnv): Promise<DemoRedis> {
  const given = env.REDIS_URL?.trim();
  if (given && (await answersPing(given))) {
    return { url: given, origin: 'REDIS_URL', stop: async () => {}, killNow: () => {} };
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new RedisUnavailableError(HOW_TO_GET_REDIS);
  }
  return startRedisServer(given ? ` (REDIS_URL ${given} did not answer)` : '');
}

async function answersPing(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function startRedisServer(note: string): Promise<DemoRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'opctl-demo-redis-'));
  // No persistence: the demo's data is thrown away. hz 100 as in production, for timely delayed jobs.
  const args = redisServerArgs(port, dir, ['--appendonly', 'no']);
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      cleanup();
      throw new RedisUnavailableError(`redis-server did not start on port ${port}: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let stopped = false;
  return {
    url,
    origin: `redis-server started by the demo on port ${port}${note}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      cleanup();
    },
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      cleanup();
    },
  };
}
