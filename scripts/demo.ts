/**
 * `npm run demo [-- --once]`: the whole system on one machine. Redis (REDIS_URL, or a private
 * redis-server), the Director and external-system fakes with sample applications, the real intake API and
 * two real worker processes from dist/, one unregister and one unpair per sample submitted over HTTP,
 * live progress, and a summary checked against what each sample expects. With --once it exits after the
 * summary (0 exactly when every operation ended as expected); without, it keeps everything running for
 * the board and metrics until Ctrl-C.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DirectorFake, startDirectorFake } from '../test/fakes/director-fake.js';
import { type ExternalSystemFake, startExternalSystemFake } from '../test/fakes/external-system-fake.js';
import { freePort } from '../test/support/free-port.js';
import { DemoChildren } from './demo-children.js';
import { mismatches, ProgressView, summaryTable, type TrackedOperation } from './demo-display.js';
import { type DemoRedis, RedisUnavailableError, resolveRedis } from './demo-redis.js';
import { OPERATION_KINDS, prepareOperation, SAMPLES } from './demo-samples.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ONCE = process.argv.includes('--once');
const WORKERS = 2;
/** The slowest sample (timeout) ends after ~6 s; anything still running after this is a failure. */
const FINISH_DEADLINE_MS = 60_000;
const REFRESH_MS = 250;

const secret = () => randomBytes(24).toString('hex');

let redis: DemoRedis | null = null;
let children: DemoChildren | null = null;
const fakes: { close(): Promise<void> }[] = [];
let cleaning: Promise<void> | null = null;
/** Set once the summary is out and the demo is only serving: Ctrl-C then exits with the summary's code. */
let servingCode: number | null = null;

/** Stops every child process, the fakes and the Redis the demo started; safe to call more than once. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await children?.stopAll().catch(() => children?.killNow());
    for (const f of fakes.splice(0)) await f.close().catch(() => {});
    await redis?.stop().catch(() => redis?.killNow());
  })();
  return cleaning;
}

async function main(): Promise<number> {
  for (const entry of ['dist/api/server.js', 'dist/processors/worker.js']) {
    if (!existsSync(join(ROOT, entry))) {
      console.error(`${entry} is missing: run \`npm run build\` first (\`npm run demo\` does).`);
      return 1;
    }
  }
  console.log('operations-controller demo\n');
  redis = await resolveRedis(process.env);
  const directorToken = secret();
  const director: DirectorFake = await startDirectorFake({ token: directorToken });
  fakes.push(director);
  const system: ExternalSystemFake = await startExternalSystemFake();
  fakes.push(system);

  const logDir = mkdtempSync(join(tmpdir(), 'opctl-demo-'));
  children = new DemoChildren(ROOT, join(logDir, 'processes.log'));
  const apiToken = secret();
  const board = { username: 'admin', password: secret() };
  const apiPort = await freePort();
  const common = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'demo',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_SECONDS: '5',
  };
  const api = children.start('api', 'dist/api/server.js', {
    ...common,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    API_TOKENS: apiToken,
    BOARD_USERNAME: board.username,
    BOARD_PASSWORD: board.password,
    // Local only: let the demo's user retry or clean jobs from the board.
    BOARD_READ_ONLY: 'false',
  });
  const workerPorts: number[] = [];
  const workers = [];
  for (let i = 1; i <= WORKERS; i++) {
    const port = await freePort();
    workerPorts.push(port);
    workers.push(
      children.start(`worker-${i}`, 'dist/processors/worker.js', {
        ...common,
        DIRECTOR_GRAPHQL_URL: director.graphqlUrl,
        DIRECTOR_OPERATION_URL: director.operationUrl,
        DIRECTOR_TOKEN: directorToken,
        WORKER_METRICS_HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(port),
        WORKER_CONCURRENCY: '10',
        HTTP_TIMEOUT_SECONDS: '5',
        RETRY_MAX_BACKOFF_SECONDS: '2',
        FINALIZE_MAX_BACKOFF_SECONDS: '5',
      }),
    );
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await children.waitReady(api, `${apiUrl}/readyz`);
  for (const [i, w] of workers.entries())
    await children.waitReady(w, `http://127.0.0.1:${workerPorts[i]}/readyz`);

  console.log(`  Redis     ${redis.origin}: ${redis.url}`);
  console.log(`  API       node dist/api/server.js on ${apiUrl}`);
  console.log(`  workers   ${WORKERS} x node dist/processors/worker.js`);
  console.log(`  fakes     Director ${director.url}, external system ${system.url}`);
  console.log(`  logs      ${children.logPath} (LOG_LEVEL=warn)\n`);

  const ops: TrackedOperation[] = [];
  for (const sample of SAMPLES) {
    for (const kind of OPERATION_KINDS) {
      const prepared = prepareOperation(sample, kind, randomUUID(), { director, system });
      ops.push({
        prepared,
        operationId: null,
        status: 'SUBMITTING',
        step: '-',
        error: null,
        polls: 0,
        director: 'not called',
        finished: false,
      });
    }
  }
  console.log(
    `Submitting ${ops.length} operations (an unregister and an unpair for each of ${SAMPLES.length} samples):`,
  );
  for (const s of SAMPLES) console.log(`  ${s.name.padEnd(8)} ${s.description}`);
  console.log('');
  const auth = { authorization: `Bearer ${apiToken}` };
  await Promise.all(ops.map((op) => submit(apiUrl, auth, op)));

  const view = new ProgressView(process.stdout, Date.now());
  const deadline = Date.now() + FINISH_DEADLINE_MS;
  for (;;) {
    await Promise.all(ops.map((op) => refresh(apiUrl, auth, op, director, system)));
    const done = ops.every((o) => o.finished);
    view.update(ops, done);
    if (done) break;
    if (Date.now() > deadline) {
      for (const op of ops.filter((o) => !o.finished)) op.status = `${op.status} (gave up waiting)`;
      break;
    }
    await new Promise((r) => setTimeout(r, REFRESH_MS));
  }

  console.log('\nSummary\n');
  console.log(summaryTable(ops));
  const wrong = ops.filter((op) => mismatches(op).length > 0);
  console.log('');
  if (wrong.length === 0) {
    console.log(`All ${ops.length} operations ended as their samples expect.`);
  } else {
    console.log(`${wrong.length} of ${ops.length} operations did not end as expected:`);
    for (const op of wrong) {
      console.log(
        `  ${op.prepared.sample.name}/${op.prepared.kind} (${op.operationId ?? 'not submitted'}): ${mismatches(op).join('; ')}`,
      );
    }
    console.log(`See ${children.logPath}`);
  }
  const code = wrong.length === 0 ? 0 : 1;
  if (ONCE) return code;
  servingCode = code;

  console.log(
    '\nEverything keeps running; Ctrl-C stops the processes, the fakes and the Redis the demo started.\n',
  );
  console.log(
    `  Bull Board       ${apiUrl}/admin/queues   user ${board.username}, password ${board.password}`,
  );
  console.log(`  API docs         ${apiUrl}/docs`);
  console.log(`  API metrics      ${apiUrl}/metrics`);
  for (const [i, port] of workerPorts.entries())
    console.log(`  worker-${i + 1} metrics  http://127.0.0.1:${port}/metrics`);
  console.log(`  API token        ${apiToken}`);
  const first = ops.find((o) => o.operationId !== null);
  if (first)
    console.log(
      `  try              curl -H "Authorization: Bearer ${apiToken}" ${apiUrl}/v1/operations/${first.operationId}`,
    );
  await new Promise<never>(() => {});
  return code;
}

async function submit(apiUrl: string, auth: Record<string, string>, op: TrackedOperation): Promise<void> {
  try {
    const res = await fetch(`${apiUrl}/v1/operations`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(op.prepared.body),
    });
    const body = (await res.json()) as { operation_id?: string; message?: string };
    if (res.status !== 202 || typeof body.operation_id !== 'string') {
      Object.assign(op, {
        status: `HTTP ${res.status}`,
        error: body.message ?? JSON.stringify(body),
        finished: true,
      });
      return;
    }
    Object.assign(op, { operationId: body.operation_id, status: 'IN_PROGRESS', step: 'fetch' });
  } catch (err) {
    Object.assign(op, { status: 'SUBMIT FAILED', error: String(err), finished: true });
  }
}

/** Reads the operation from the API, its polls from the external system and its PUT from Director. */
async function refresh(
  apiUrl: string,
  auth: Record<string, string>,
  op: TrackedOperation,
  director: DirectorFake,
  system: ExternalSystemFake,
): Promise<void> {
  if (op.finished || op.operationId === null) return;
  const res = await fetch(`${apiUrl}/v1/operations/${op.operationId}`, { headers: auth }).catch(() => null);
  if (res?.ok) {
    const body = (await res.json()) as { status: string; step: string; error: string | null };
    Object.assign(op, {
      status: body.status,
      step: body.step,
      error: body.error,
      finished: body.status !== 'IN_PROGRESS',
    });
  }
  op.polls = system.requests({ method: 'GET', path: `${op.prepared.base}/status` }).length;
  const puts = director
    .finalizations()
    .filter(
      (f) => (f.body as { resource_id?: string } | undefined)?.resource_id === op.prepared.applicationId,
    );
  const accepted = puts.find((f) => f.accepted);
  op.director = accepted
    ? ((accepted.body as { error?: string }).error ?? 'ok')
    : puts.length > 0
      ? `rejected (HTTP ${puts.map((p) => p.status).join(', ')})`
      : 'not called';
}

process.on('exit', () => {
  children?.killNow();
  redis?.killNow();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(
      `\n${signal}: stopping the API, the workers, the fakes${redis?.origin.startsWith('redis-server') ? ' and redis-server' : ''}...`,
    );
    void cleanup().then(() => process.exit(servingCode ?? 130));
  });
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(
      err instanceof RedisUnavailableError
        ? err.message
        : `demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    if (children) console.error(`process logs: ${children.logPath}`);
    await cleanup();
    process.exit(1);
  });
