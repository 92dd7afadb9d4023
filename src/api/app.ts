import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { apiMetricsPlugin } from '../metrics/api-metrics-plugin.js';
import type { Metrics } from '../metrics/metrics.js';
import type { OperationStore } from '../operations/operation-store.js';
import type { OperationsQueue } from '../queues/operations-queue.js';
import type { RedisClient } from '../redis.js';
import { bearerAuthPlugin } from './plugins/bearer-auth.js';
import { boardPlugin } from './plugins/board.js';
import { errorHandlerPlugin } from './plugins/error-handler.js';
import { jsonBodyPlugin } from './plugins/json-body.js';
import { applicationRoutes } from './routes/applications.js';
import { healthRoutes } from './routes/health.js';
import { operationRoutes } from './routes/operations.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  redis: RedisClient;
  queue: OperationsQueue;
  store: OperationStore;
  metrics: Metrics;
}

/** 64 KiB: a request object is a few KiB; anything larger is a mistake or an attack. */
export const BODY_LIMIT = 64 * 1024;

/** Builds the intake API without listening, so tests drive it with `inject()` and the server entry adds the port. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: 'x-request-id',
    ajv: {
      // Unknown fields are an error, not silently dropped; no type coercion of JSON bodies.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'operations-controller intake API',
        version: '1',
        description: "Runs Compass Director's asynchronous unregister and unpair operations.",
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(healthRoutes, { redis: deps.redis });
  await app.register(apiMetricsPlugin, { metrics: deps.metrics });
  if (deps.config.api.board) {
    await app.register(boardPlugin, {
      queue: deps.queue,
      board: deps.config.api.board,
      basePath: '/admin/queues',
    });
  } else {
    deps.logger.info('board disabled: BOARD_USERNAME/BOARD_PASSWORD not set');
  }

  await app.register(
    async (v1) => {
      await v1.register(bearerAuthPlugin, {
        tokens: deps.config.api.tokens,
        disabled: deps.config.api.authDisabled,
      });
      await v1.register(operationRoutes, { deps: { queue: deps.queue, store: deps.store } });
      await v1.register(applicationRoutes, { store: deps.store });
    },
    { prefix: '/v1' },
  );
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
