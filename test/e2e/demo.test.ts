import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

beforeAll(() => {
  // CI builds before the tests; locally, build only when dist/ is missing or older than src/.
  const built = existsSync(join(ROOT, 'dist/processors/worker.js')) ? newest(join(ROOT, 'dist')) : 0;
  if (built === 0 || built < newest(join(ROOT, 'src'))) {
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  }
}, 120_000);

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The demo starts its own redis-server: REDIS_URL is left out so it does not reuse the tests' Redis.
    const { REDIS_URL: _ignored, ...env } = process.env;
    const child = spawn('npx', ['tsx', 'scripts/demo.ts', '--once'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo -- --once', () => {
  it('runs every sample through the real API and workers and exits 0 with the summary', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
    expect(stdout).toContain('Summary');
    expect(stdout).toMatch(/sample\s+operation\s+status\s+error\s+polls\s+Director received\s+as expected/);
    expect(stdout).toContain('All 12 operations ended as their samples expect.');
    expect(stdout).toMatch(
      /timeout\s+unregister\s+FAILED\s+webhook timeout reached: polling time has expired/,
    );
    expect(stdout).toMatch(
      /missing\s+unpair\s+FAILED\s+Application not found in director\s+0\s+not called\s+yes/,
    );
  }, 120_000);
});
