import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import sjson from 'secure-json-parse';
import { AppError } from '../../errors.js';

/**
 * JSON is the only body type. Our own parser (on secure-json-parse, as Fastify's) so that a
 * prototype-poisoning key is answered as such (FORBIDDEN_KEY) rather than as generic invalid JSON.
 */
export const jsonBodyPlugin = fp(
  async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '')
        return done(new AppError('INVALID_JSON', 'the body is empty; a JSON object is expected', 400));
      try {
        done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch (err) {
        const message = (err as Error).message;
        if (/forbidden prototype/i.test(message)) {
          return done(new AppError('FORBIDDEN_KEY', `the body contains a forbidden key: ${message}`, 400));
        }
        done(new AppError('INVALID_JSON', `the body is not valid JSON: ${message}`, 400));
      }
    });
  },
  { name: 'json-body' },
);
