import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OperationStore } from '../../operations/operation-store.js';
import { withDeadline } from '../deadline.js';
import { errorPayload } from '../plugins/error-handler.js';
import { ApplicationParams, ErrorBody, HistoryBody, HistoryQuery, OperationBody } from '../schemas.js';
import { INTAKE_DEADLINE_MS } from './operations.js';

const DEFAULT_PAGE = 20;

export const applicationRoutes: FastifyPluginAsyncTypebox<{ store: OperationStore }> = async (
  app,
  { store },
) => {
  app.get(
    '/applications/:applicationId/operation',
    {
      schema: {
        summary: "An application's latest operation (Director's `last_operation`)",
        tags: ['applications'],
        params: ApplicationParams,
        response: { 200: OperationBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { applicationId } = request.params;
      const record = await withDeadline(store.latestForApplication(applicationId), INTAKE_DEADLINE_MS);
      if (record === null) {
        return reply
          .status(404)
          .send(errorPayload('NOT_FOUND', `no operation recorded for application ${applicationId}`));
      }
      return record;
    },
  );

  app.get(
    '/applications/:applicationId/operations',
    {
      schema: {
        summary: "An application's operations, newest first",
        tags: ['applications'],
        params: ApplicationParams,
        querystring: HistoryQuery,
        response: { 200: HistoryBody, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const limit = request.query.limit === undefined ? DEFAULT_PAGE : Number(request.query.limit);
      const page = await withDeadline(
        store.listForApplication(request.params.applicationId, { limit, cursor: request.query.cursor }),
        INTAKE_DEADLINE_MS,
      );
      return { items: page.items, next_cursor: page.next };
    },
  );
};
