import { RedisServer } from '../test/support/redis-server.js';
import { benchBullmq } from './bullmq-baseline.js';
import { benchIntake } from './intake.js';
import { benchWorker } from './worker-throughput.js';

/**
 * `npm run bench`: intake throughput beside a bare Fastify + queue.add route, raw BullMQ no-op throughput,
 * and end-to-end worker throughput with poll lateness. Each part gets a fresh private redis-server
 * (hz 100, as production should run), so the numbers do not depend on what ran before.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const operations = Number(process.env.BENCH_OPERATIONS ?? 2000);

async function withRedis<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const redis = await RedisServer.start();
  try {
    return await fn(redis.url);
  } finally {
    await redis.destroy();
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

const only = process.env.BENCH_ONLY;
const intake = only && only !== 'intake' ? [] : await withRedis((url) => benchIntake(url, seconds));
const raw =
  only && only !== 'bullmq' ? { jobsPerSec: Number.NaN } : await withRedis((url) => benchBullmq(url, 20_000));
const worker =
  only && only !== 'worker'
    ? []
    : await withRedis((url) =>
        benchWorker(url, { operations, workers: 2, concurrency: 100, lightOperations: 50 }),
      );

console.log(`\nIntake (autocannon, 50 connections unless said, ${seconds} s each)`);
console.table(
  intake.map((r) => ({
    route: r.name,
    'req/s': fmt(r.reqPerSec),
    'p50 ms': fmt(r.p50Ms, 1),
    'p99 ms': fmt(r.p99Ms, 1),
    non2xx: r.non2xx,
    errors: r.errors,
  })),
);
console.log('\nRaw BullMQ baseline (20,000 no-op jobs, 1 worker, concurrency 50)');
console.table([{ 'jobs/s': fmt(raw.jobsPerSec) }]);
console.log(
  '\nOperations end to end (2 worker processes x concurrency 100; the fakes answer at once but share the 2 cores)',
);
console.table(
  worker.map((r) => ({
    run: r.name,
    operations: r.operations,
    seconds: fmt(r.seconds, 2),
    'ops/s': fmt(r.opsPerSec, 1),
    failed: r.failed,
    'duplicate reports': r.duplicateReports,
    'retried submits': r.retriedSubmissions,
    polls: r.lateness?.polls ?? '-',
    'poll lateness p50 ms': r.lateness ? fmt(r.lateness.p50Ms) : '-',
    'poll lateness p99 ms': r.lateness ? fmt(r.lateness.p99Ms) : '-',
    'max ms': r.lateness ? fmt(r.lateness.maxMs) : '-',
  })),
);
for (const r of worker) if (r.firstError) console.log(`${r.name}: first error: ${r.firstError}`);
