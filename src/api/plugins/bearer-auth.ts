import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorPayload } from './error-handler.js';

export interface BearerAuthOptions {
  tokens: readonly string[];
  disabled: boolean;
}

/**
 * Bearer-token guard for the routes registered in the same scope. Tokens are compared as SHA-256 digests
 * with timingSafeEqual, so neither a token's content nor its length leaks through timing; every token is
 * compared on every request for the same reason. Not encapsulated (fastify-plugin), so the hook guards
 * the scope that registers it.
 */
async function bearerAuth(app: FastifyInstance, opts: BearerAuthOptions): Promise<void> {
  if (opts.disabled) return;
  const digests = opts.tokens.map(digest);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const presented = bearerToken(request.headers.authorization);
    let ok = false;
    if (presented !== null) {
      const candidate = digest(presented);
      for (const d of digests) ok = timingSafeEqual(d, candidate) || ok;
    }
    if (!ok) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="operations-controller"')
        .send(
          errorPayload('UNAUTHORIZED', 'a valid bearer token is required (Authorization: Bearer <token>)'),
        );
    }
  });
}

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export const bearerAuthPlugin = fp(bearerAuth, { name: 'bearer-auth' });
