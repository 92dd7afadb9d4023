import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { freePort } from '../test/support/free-port.js';
import { httpOk, startChild } from './processes.js';

export interface IntakeResult {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

const TOKEN = 'bench-token-0123456789abcdef';

function operationBody(): string {
  const id = randomUUID();
  return JSON.stringify({
    operation_type: 'Delete',
    operation_category: 'unregisterApplication',
    resource_type: 'application',
    resource_id: id,
    correlation_id: 'bench',
    webhook_ids: ['wh'],
    request_object: JSON.stringify({
      Application: { id, name: 'bench' },
      TenantID: 't',
      Headers: { Client_user: 'x' },
    }),
  });
}

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections = 50,
): Promise<IntakeResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    // A new application per request: every request is a real, accepted operation.
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: operationBody() }) }],
  });
  return {
    name,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** POST throughput of the real intake API beside a bare Fastify route that only calls `queue.add`. */
export async function benchIntake(redisUrl: string, seconds: number): Promise<IntakeResult[]> {
  const barePort = await freePort();
  const bare = await startChild(
    ['--import', 'tsx', 'bench/bare-server.ts'],
    { REDIS_URL: redisUrl, PORT: String(barePort), QUEUE_PREFIX: 'bench-bare' },
    async () => await fetch(`http://127.0.0.1:${barePort}/bare`, { method: 'OPTIONS' }).then(() => true),
  );
  const apiPort = await freePort();
  const api = await startChild(
    ['dist/api/server.js'],
    {
      REDIS_URL: redisUrl,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      API_TOKENS: TOKEN,
      QUEUE_PREFIX: 'bench-api',
    },
    () => httpOk(`http://127.0.0.1:${apiPort}/readyz`),
  );
  try {
    const results: IntakeResult[] = [];
    results.push(
      await load('bare Fastify route + queue.add', `http://127.0.0.1:${barePort}/bare`, {}, seconds),
    );
    const apiUrl = `http://127.0.0.1:${apiPort}/v1/operations`;
    const authorization = { authorization: `Bearer ${TOKEN}` };
    results.push(await load('intake POST /v1/operations', apiUrl, authorization, seconds));
    // One caller at a time: the latency Director sees while the intake is not saturated.
    results.push(await load('intake POST, 1 connection', apiUrl, authorization, seconds, 1));
    return results;
  } finally {
    await bare.stop();
    await api.stop();
  }
}
