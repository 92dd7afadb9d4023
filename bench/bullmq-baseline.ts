import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/** Raw BullMQ: no-op jobs through one worker (concurrency 50), the ceiling the worker runs under. */
export async function benchBullmq(redisUrl: string, jobs: number): Promise<{ jobsPerSec: number }> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix: 'bench-raw' });
  for (let i = 0; i < jobs; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, jobs - i) }, (_, j) => ({
      name: 'n',
      data: { i: i + j },
      opts: { removeOnComplete: true },
    }));
    await queue.addBulk(batch);
  }
  let done = 0;
  let resolveAll: () => void = () => {};
  const allDone = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  const started = performance.now();
  const worker = new Worker(
    'noop',
    async () => {
      done++;
      if (done === jobs) resolveAll();
    },
    { connection: workerConnection, prefix: 'bench-raw', concurrency: 50 },
  );
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return { jobsPerSec: jobs / seconds };
}
