import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const configSource = readFileSync(new URL('src/config.ts', root), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  profiles?: string[];
  healthcheck?: { test: string[] };
}

function service(name: string): Service {
  const s = compose.services[name];
  if (!s) throw new Error(`service ${name} missing`);
  return s;
}

/** Env names the config reads, as string literals passed to the reader (`r.int('PORT', ...)`). */
const configEnvNames = new Set([...configSource.matchAll(/\(\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));

describe('docker-compose.yml', () => {
  it('runs redis, api and worker by default, and the fakes only in the demo profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'fakes', 'redis', 'worker']);
    for (const name of ['redis', 'api', 'worker']) expect(service(name).profiles).toBeUndefined();
    expect(service('fakes').profiles).toEqual(['demo']);
  });

  it('configures Redis for a queue: AOF every second, noeviction, hz 100, a volume and a health check', () => {
    const redis = service('redis');
    expect(redis.image).toMatch(/^redis:7/);
    const args = (redis.command ?? []).join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--appendfsync everysec');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(args).toContain('--hz 100');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(compose.volumes).toHaveProperty('redis-data');
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('builds the api and the workers from the same runtime image, waiting for a healthy Redis', () => {
    const api = service('api');
    const worker = service('worker');
    expect(api.build).toEqual({ context: '.', target: 'runtime' });
    expect(worker.image).toBe(api.image);
    expect(api.command).toBeUndefined();
    expect(api.ports).toContain('8080:8080');
    expect(worker.command).toEqual(['node', 'dist/processors/worker.js']);
    expect(worker.deploy?.replicas).toBe(3);
    for (const s of [api, worker]) expect(s.depends_on?.redis?.condition).toBe('service_healthy');
  });

  it('gives api and worker only settings that src/config.ts reads, with a hash-tag queue prefix', () => {
    expect(configEnvNames.size).toBeGreaterThan(20);
    for (const name of ['api', 'worker']) {
      const env = service(name).environment ?? {};
      const unknown = Object.keys(env).filter((k) => !configEnvNames.has(k));
      expect(unknown, `${name} env unknown to src/config.ts`).toEqual([]);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.QUEUE_PREFIX).toBe('{ops}');
    }
    expect(Object.keys(service('api').environment ?? {})).toContain('API_TOKENS');
    expect(Object.keys(service('worker').environment ?? {})).toEqual(
      expect.arrayContaining(['DIRECTOR_GRAPHQL_URL', 'DIRECTOR_OPERATION_URL', 'WORKER_METRICS_PORT']),
    );
  });

  it('runs the demo fakes from the dev stage on the ports the workers default to', () => {
    const fakes = service('fakes');
    expect(fakes.build?.target).toBe('dev');
    const workerEnv = service('worker').environment ?? {};
    expect(workerEnv.DIRECTOR_GRAPHQL_URL).toContain(
      `http://fakes:${fakes.environment?.DIRECTOR_PORT}/graphql`,
    );
    expect(fakes.environment?.EXTERNAL_URL).toBe(`http://fakes:${fakes.environment?.EXTERNAL_PORT}`);
  });
});
