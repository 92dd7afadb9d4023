import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import type { DirectorApplication } from '../../src/director/director-application.js';
import { methodNotAllowed, validateOperationRequest } from './director-operation-validation.js';
import { closeServer, flatHeaders, listen, readBody, sendJson, sleep } from './http-helpers.js';

export interface DirectorFakeOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  /** Director's schema; defaults to the copy of shared/spec/director-schema.graphql in test/fakes. */
  readonly schemaPath?: string | URL;
}

export interface RecordedGraphqlRequest {
  readonly headers: Record<string, string>;
  readonly query: string;
  readonly variables: unknown;
  readonly status: number;
  readonly errors: readonly string[];
  readonly at: Date;
}

export interface RecordedFinalization {
  readonly headers: Record<string, string>;
  readonly rawBody: string;
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body: unknown;
  readonly status: number;
  readonly accepted: boolean;
  readonly at: Date;
}

export type FetchFailure = 'graphql-error' | 'http-500';

export interface DirectorFake {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly operationUrl: string;
  addApplication(app: DirectorApplication): void;
  removeApplication(id: string): void;
  hasApplication(id: string): boolean;
  /** The next `count` GraphQL requests fail (GraphQL `errors` with HTTP 200, or HTTP 500). */
  failNextFetches(count: number, failure?: FetchFailure): void;
  /** The next `count` PUT /operation requests are answered with `status` without being applied. */
  failNextFinalizations(count: number, status?: number): void;
  /** Delays every answer of that kind from now on (0 removes the delay). */
  setDelay(delays: { readonly fetchMs?: number; readonly finalizeMs?: number }): void;
  graphqlRequests(): readonly RecordedGraphqlRequest[];
  /** Every PUT /operation, accepted or rejected, in arrival order. */
  finalizations(): readonly RecordedFinalization[];
  acceptedFinalizations(): readonly RecordedFinalization[];
  close(): Promise<void>;
}

/** A copy of shared/spec/director-schema.graphql kept in the repository (a test checks they match). */
const DEFAULT_SCHEMA = new URL('./director-schema.graphql', import.meta.url);

/**
 * A Director on 127.0.0.1 for tests and the demo. `POST /graphql` runs graphql-js over Director's real
 * schema, so a query Director would reject is rejected here too; credentials in the `CredentialData`
 * union resolve through their `__typename`; the schema's custom scalars pass values through and its
 * directives are declarations only. `PUT /operation` validates as Director does; an accepted Delete
 * without error deletes the application, as Director does.
 */
export async function startDirectorFake(options: DirectorFakeOptions = {}): Promise<DirectorFake> {
  const schema: GraphQLSchema = buildSchema(readFileSync(options.schemaPath ?? DEFAULT_SCHEMA, 'utf8'));
  const applications = new Map<string, DirectorApplication>();
  const graphqlLog: RecordedGraphqlRequest[] = [];
  const finalizeLog: RecordedFinalization[] = [];
  let fetchFailures: { count: number; failure: FetchFailure } = { count: 0, failure: 'graphql-error' };
  let finalizeFailures = { count: 0, status: 500 };
  let delays = { fetchMs: 0, finalizeMs: 0 };

  // Parsing and validating against the large schema costs milliseconds; a query text is checked once, so
  // the fake answers "at once" in benchmarks and does not measure itself.
  const prepared = new Map<string, DocumentNode | readonly GraphQLError[]>();
  function prepare(query: string): DocumentNode | readonly GraphQLError[] {
    let entry = prepared.get(query);
    if (entry === undefined) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        entry = errors.length > 0 ? errors : document;
      } catch (err) {
        entry = [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
      }
      prepared.set(query, entry);
    }
    return entry;
  }

  const rootValue = {
    application: ({ id }: { id: string }) => applications.get(id) ?? null,
  };

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) {
    const text = await readBody(req);
    // A payload that is not a JSON object runs as an empty query and fails with a GraphQL error.
    const parsed = parseJson(text);
    const payload: Record<string, unknown> = isRecord(parsed) ? parsed : {};
    const query = typeof payload.query === 'string' ? payload.query : '';
    const variables = payload.variables ?? null;
    await sleep(delays.fetchMs);
    const record = (status: number, errors: readonly string[]) =>
      graphqlLog.push({ headers, query, variables, status, errors, at: new Date() });

    if (fetchFailures.count > 0) {
      fetchFailures.count -= 1;
      if (fetchFailures.failure === 'http-500') {
        record(500, ['scripted HTTP 500']);
        return sendJson(res, 500, { errors: [{ message: 'Internal Server Error' }] });
      }
      record(200, ['scripted GraphQL error']);
      return sendJson(res, 200, { errors: [{ message: 'scripted GraphQL error' }], data: null });
    }
    const prepared = prepare(query);
    const result: ExecutionResult = Array.isArray(prepared)
      ? { errors: prepared }
      : await execute({
          schema,
          document: prepared as DocumentNode,
          rootValue,
          variableValues: isRecord(variables) ? variables : null,
          operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
        });
    const errors = (result.errors ?? []).map((e) => e.message);
    // gqlgen answers parse and validation failures (no data at all) with 422, execution errors with 200.
    const status = result.data === undefined && errors.length > 0 ? 422 : 200;
    record(status, errors);
    sendJson(res, status, result);
  }

  async function handleOperation(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) {
    const rawBody = await readBody(req);
    await sleep(delays.finalizeMs);
    const body = parseJson(rawBody);
    const record = (status: number) =>
      finalizeLog.push({ headers, rawBody, body, status, accepted: status === 200, at: new Date() });
    if (req.method !== 'PUT') {
      const answer = methodNotAllowed();
      record(answer.status);
      return sendJson(res, answer.status, answer.body);
    }
    if (finalizeFailures.count > 0) {
      finalizeFailures.count -= 1;
      record(finalizeFailures.status);
      return sendJson(res, finalizeFailures.status, { errors: [{ message: 'scripted failure' }] });
    }
    const validation = validateOperationRequest(rawBody);
    if (!validation.ok) {
      record(validation.status);
      return sendJson(res, validation.status, validation.body);
    }
    const op = validation.request;
    if (op.operation_type === 'Delete' && op.error === '') applications.delete(op.resource_id);
    record(200);
    res.writeHead(200);
    res.end();
  }

  const server = createServer((req, res) => {
    const headers = flatHeaders(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (options.token !== undefined && headers.authorization !== `Bearer ${options.token}`) {
      sendJson(res, 401, { errors: [{ message: 'Unauthorized' }] });
      return;
    }
    const handler =
      path === '/graphql' && req.method === 'POST'
        ? handleGraphql
        : path === '/operation'
          ? handleOperation
          : null;
    if (handler === null) {
      sendJson(res, 404, { errors: [{ message: 'not found' }] });
      return;
    }
    handler(req, res, headers).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: String(err) }] });
    });
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    operationUrl: `${url}/operation`,
    addApplication: (app) => void applications.set(app.id, structuredClone(app)),
    removeApplication: (id) => void applications.delete(id),
    hasApplication: (id) => applications.has(id),
    failNextFetches: (count, failure = 'graphql-error') => {
      fetchFailures = { count, failure };
    },
    failNextFinalizations: (count, status = 500) => {
      finalizeFailures = { count, status };
    },
    setDelay: (next) => {
      delays = { fetchMs: next.fetchMs ?? delays.fetchMs, finalizeMs: next.finalizeMs ?? delays.finalizeMs };
    },
    graphqlRequests: () => [...graphqlLog],
    finalizations: () => [...finalizeLog],
    acceptedFinalizations: () => finalizeLog.filter((f) => f.accepted),
    close: () => closeServer(server),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
