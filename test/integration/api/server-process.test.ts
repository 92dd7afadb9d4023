import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { TEST_TOKEN } from '../../support/api-harness.js';
import { freePort } from '../../support/free-port.js';
import { waitFor } from '../../support/wait-for.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function start(
  entry: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

describe('the API process (src/api/server.ts)', () => {
  it('serves, then on SIGTERM stops accepting, closes Redis and exits 0', async () => {
    const port = await freePort();
    const api = start('src/api/server.ts', {
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: 'proc',
      API_TOKENS: TEST_TOKEN,
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    await waitFor('the API to be ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
    expect(api.output()).toContain('"msg":"shut down"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start with a bad configuration, naming every problem, exit code 2', async () => {
    const api = start('src/api/server.ts', { PORT: 'eighty', REDIS_URL: 'http://nope' });
    expect(await api.exit).toBe(2);
    expect(api.output()).toContain('invalid configuration');
    expect(api.output()).toContain('PORT must be an integer');
    expect(api.output()).toContain('REDIS_URL must use redis: or rediss:');
    expect(api.output()).toContain('API_TOKENS is required');
  });

  it('has the worker refuse to start without Director URLs, exit code 2', async () => {
    const worker = start('src/processors/worker.ts', {});
    expect(await worker.exit).toBe(2);
    expect(worker.output()).toMatch(
      /DIRECTOR_GRAPHQL_URL is required[\s\S]*DIRECTOR_OPERATION_URL is required/,
    );
  });
});
