import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Builds and drives test/go/render, the reference renderer that runs Go's own text/template. */

export interface GoCase {
  id: number;
  mode: 'generic' | 'request' | 'response';
  name: string;
  template: string;
  data: unknown;
}

export interface GoResult {
  id: number;
  ok: boolean;
  /** Output bytes as a byte string (one char per byte), comparable with the engine's. */
  out: string;
  err: string;
}

const SOURCE = resolve(import.meta.dirname, '../go/render');

export function hasGo(): boolean {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

/** Builds the reference renderer into a fresh temp dir; returns the binary and a cleanup. */
export function buildGoRenderer(): { binary: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'opctl-go-render-'));
  // A shared build cache keeps repeated runs fast; GOTOOLCHAIN=local stops Go from fetching toolchains.
  const cache = join(tmpdir(), 'opctl-go-cache');
  mkdirSync(cache, { recursive: true });
  const binary = join(dir, 'render');
  const built = spawnSync('go', ['build', '-o', binary, '.'], {
    cwd: SOURCE,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: process.env.HOME ?? dir,
      GOCACHE: cache,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      CGO_ENABLED: '0',
    },
  });
  if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
  return { binary, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Renders every case in one process (JSON lines in, JSON lines out). */
export function renderWithGo(binary: string, cases: GoCase[]): Map<number, GoResult> {
  const input = cases.map((c) => JSON.stringify(c)).join('\n');
  const run = spawnSync(binary, [], {
    input,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, TZ: 'UTC' },
  });
  if (run.status !== 0) throw new Error(`go renderer failed: ${run.stderr}`);
  const results = new Map<number, GoResult>();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`bad line: ${line}`);
    const r = Object.fromEntries(Object.entries(parsed));
    results.set(Number(r.id), {
      id: Number(r.id),
      ok: r.ok === true,
      out: Buffer.from(String(r.out ?? ''), 'base64').toString('latin1'),
      err: String(r.err ?? ''),
    });
  }
  return results;
}
