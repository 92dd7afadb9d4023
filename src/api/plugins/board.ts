import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { operationLocation } from '../operation-body.js';
import { errorPayload } from './error-handler.js';

export interface BoardOptions {
  queue: Queue;
  board: { username: string; password: string; readOnly: boolean };
  /** Where the board is mounted, e.g. `/admin/queues`. */
  basePath: string;
}

/** Keys whose values never reach the board, at any depth, even though job data holds none by design. */
export const SECRET_KEY = /authorization|password|secret|token|credential|headers/i;
export const REDACTED = '[REDACTED]';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Bull Board for operators, behind HTTP Basic auth. Its own encapsulated scope, so the board's error
 * handler, view engine and hooks stay away from the intake API.
 *
 * Read-only mode is enforced twice: the adapter hides the buttons, and this plugin refuses every request
 * that is not GET/HEAD, so a hand-made PUT cannot retry, promote or remove a job either.
 */
export const boardPlugin = fp(
  async (app: FastifyInstance, opts: BoardOptions) => {
    const { board, basePath } = opts;
    const expectedUser = digest(board.username);
    const expectedPassword = digest(board.password);

    app.addHook('onRequest', async (request, reply) => {
      const presented = basicCredentials(request.headers.authorization);
      // Both digests are compared every time (no short circuit), so timing says nothing about which failed.
      const userOk = timingSafeEqual(expectedUser, digest(presented?.username ?? ''));
      const passwordOk = timingSafeEqual(expectedPassword, digest(presented?.password ?? ''));
      if (presented === null || !(userOk && passwordOk)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Basic realm="operations-controller board", charset="UTF-8"')
          .send(errorPayload('UNAUTHORIZED', 'board credentials are required'));
      }
    });
    if (board.readOnly) {
      app.addHook('onRequest', async (request, reply) => {
        if (!SAFE_METHODS.has(request.method)) {
          return reply.status(403).send(errorPayload('FORBIDDEN', 'the board is read-only'));
        }
      });
    }

    const adapter = new BullMQAdapter(opts.queue, {
      readOnlyMode: board.readOnly,
      // A retried job resumes at the step saved in its data (steps are at least once), so retries are
      // safe; they are offered only when the board may write at all.
      allowRetries: !board.readOnly,
      externalJobUrl: (job) => ({ href: operationUrlOf(job.data) ?? '', displayText: 'operation' }),
    });
    adapter.setFormatter('data', (data: unknown) => withOperationUrl(redact(data)));
    adapter.setFormatter('returnValue', (value: unknown) => redact(value));
    adapter.setFormatter('name', (job: { name?: string; data?: unknown }) => {
      const url = operationUrlOf(job.data);
      return url ? `${job.name ?? 'operation'} ${url}` : (job.name ?? '');
    });

    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      queues: [adapter],
      serverAdapter,
      options: { uiConfig: { boardTitle: 'operations-controller' } },
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
  },
  { name: 'board', fastify: '5.x', encapsulate: true },
);

/** Replaces the value of every key matching SECRET_KEY, in objects and arrays at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(v)]),
  );
}

function withOperationUrl(data: unknown): unknown {
  const url = operationUrlOf(data);
  if (url === null || typeof data !== 'object' || data === null) return data;
  return { operation_url: url, ...data };
}

function operationUrlOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('operationId' in data)) return null;
  return typeof data.operationId === 'string' ? operationLocation(data.operationId) : null;
}

function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
