import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.js';
import { isRedisUnavailable } from '../../redis.js';

/** Fastify's own error codes mapped to our stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
};

export interface ErrorPayload {
  error: { code: string; message: string; [key: string]: unknown };
}

export function errorPayload(code: string, message: string, details?: Record<string, unknown>): ErrorPayload {
  return { error: { code, message, ...details } };
}

/**
 * The one place errors become HTTP answers: known codes to 4xx/503 with their message; anything else is
 * a 500 whose detail goes only to the log.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppError) {
        if (err.statusCode >= 500) request.log.warn({ err }, 'request failed');
        return reply.status(err.statusCode).send(errorPayload(err.code, err.message, err.details));
      }
      if (err.validation) {
        return reply.status(400).send(errorPayload('VALIDATION_FAILED', describeValidation(err)));
      }
      if (isRedisUnavailable(err)) {
        request.log.warn({ err }, 'redis unavailable');
        return reply
          .status(503)
          .header('retry-after', '1')
          .send(errorPayload('REDIS_UNAVAILABLE', 'the operations store is unavailable, retry later'));
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const code =
          FASTIFY_CODES[err.code] ?? (/prototype/i.test(err.message) ? 'FORBIDDEN_KEY' : 'BAD_REQUEST');
        return reply.status(status).send(errorPayload(code, err.message));
      }
      request.log.error({ err }, 'unexpected error');
      return reply.status(500).send(errorPayload('INTERNAL', 'internal error'));
    });

    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send(errorPayload('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`)),
    );
  },
  { name: 'error-handler' },
);

type ValidationEntry = NonNullable<FastifyError['validation']>[number];

/** One readable sentence naming the field and the rule, e.g. `body.resource_id must be a UUID`. */
function describeValidation(err: FastifyError): string {
  const first: ValidationEntry | undefined = err.validation?.[0];
  const context = err.validationContext ?? 'request';
  if (!first) return `${context} is invalid`;
  const path = [context, ...first.instancePath.split('/').filter(Boolean)].join('.');
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'additionalProperties':
      return `${path} has an unknown field "${String(params.additionalProperty)}"`;
    case 'required':
      return `${path} is missing the required field "${String(params.missingProperty)}"`;
    case 'pattern':
      return path.endsWith('_id') && String(params.pattern).startsWith('^[0-9a-fA-F]{8}')
        ? `${path} must be a UUID`
        : `${path} ${first.message ?? 'is invalid'}`;
    default:
      return `${path} ${first.message ?? 'is invalid'}`;
  }
}
