/**
 * The Director and external-system fakes on fixed ports, seeded with the demo's sample applications (one
 * application per sample and operation kind, fixed IDs), for the compose `demo` profile:
 *
 *   docker compose --profile demo up --build
 *
 * Env: DIRECTOR_PORT (4000), EXTERNAL_PORT (4001), EXTERNAL_URL (the external system as the workers
 * reach it; default http://127.0.0.1:<EXTERNAL_PORT>), DIRECTOR_TOKEN (bearer required when set),
 * DIRECTOR_SCHEMA_PATH (Director's schema; default the copy in test/fakes), LISTEN_HOST
 * (127.0.0.1; 0.0.0.0 in a container).
 */
import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startDirectorFake } from '../test/fakes/director-fake.js';
import { startExternalSystemFake } from '../test/fakes/external-system-fake.js';
import { OPERATION_KINDS, prepareOperation, SAMPLES } from './demo-samples.js';

const env = process.env;
const directorPort = Number(env.DIRECTOR_PORT ?? 4000);
const externalPort = Number(env.EXTERNAL_PORT ?? 4001);
const listenHost = env.LISTEN_HOST ?? '127.0.0.1';
const externalUrl = env.EXTERNAL_URL ?? `http://127.0.0.1:${externalPort}`;

/** A stable UUID per sample and kind, so the printed requests work on every start. */
function sampleApplicationId(sample: string, kind: string): string {
  const h = createHash('sha256').update(`opctl-demo/${sample}/${kind}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The fakes listen on 127.0.0.1 only; in a container the other services reach them through this relay
 * on `listenHost`.
 */
async function relay(port: number, target: number): Promise<Server> {
  const server = createServer((inbound: Socket) => {
    const outbound = connect(target, '127.0.0.1');
    inbound.pipe(outbound).pipe(inbound);
    const close = () => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', close);
    outbound.on('error', close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, listenHost, resolve);
  });
  return server;
}

async function main(): Promise<void> {
  const relayed = listenHost !== '127.0.0.1';
  const director = await startDirectorFake({
    port: relayed ? 0 : directorPort,
    ...(env.DIRECTOR_TOKEN ? { token: env.DIRECTOR_TOKEN } : {}),
    ...(env.DIRECTOR_SCHEMA_PATH ? { schemaPath: env.DIRECTOR_SCHEMA_PATH } : {}),
  });
  const system = await startExternalSystemFake({ port: relayed ? 0 : externalPort });
  const relays = relayed
    ? [
        await relay(directorPort, Number(new URL(director.url).port)),
        await relay(externalPort, Number(new URL(system.url).port)),
      ]
    : [];

  console.log(`Director fake         port ${directorPort} (GraphQL /graphql, PUT /operation)`);
  console.log(`external-system fake  port ${externalPort}, reached by the workers at ${externalUrl}`);
  console.log('\nSample applications (POST each body to the intake API, /v1/operations):');
  for (const sample of SAMPLES) {
    for (const kind of OPERATION_KINDS) {
      const applicationId = sampleApplicationId(sample.name, kind);
      const op = prepareOperation(sample, kind, applicationId, { director, system, systemUrl: externalUrl });
      const e = sample.expects[kind];
      console.log(
        `\n# ${sample.name} ${kind}: ${sample.description}; expect ${e.status}${e.error ? ` (${e.error})` : ''}`,
      );
      console.log(JSON.stringify(op.body));
    }
  }
  console.log('\nfor example:');
  console.log(
    "  curl -X POST -H \"Authorization: Bearer $API_TOKENS\" -H 'content-type: application/json' -d '<body>' http://127.0.0.1:8080/v1/operations",
  );

  const stop = async () => {
    for (const r of relays) r.close();
    await Promise.all([director.close(), system.close()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  console.error('fakes failed to start:', err);
  process.exit(1);
});
