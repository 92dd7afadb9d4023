import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../../errors.js';
import { isOperationKind, type OperationRequest } from '../../operations/operation.js';
import { parseRequestObject } from '../../operations/request-object.js';
import type { EnqueueDeps } from '../../queues/enqueue-operation.js';
import { enqueueOperation } from '../../queues/enqueue-operation.js';
import { withDeadline } from '../deadline.js';
import { operationLocation, toOperationBody } from '../operation-body.js';
import { errorPayload } from '../plugins/error-handler.js';
import { AcceptedBody, CreateOperationBody, ErrorBody, OperationBody, OperationParams } from '../schemas.js';

/** Intake answers within this bound even when Redis hangs; a slower store is reported as unavailable. */
export const INTAKE_DEADLINE_MS = 1000;

export const operationRoutes: FastifyPluginAsyncTypebox<{ deps: EnqueueDeps }> = async (app, { deps }) => {
  app.post(
    '/operations',
    {
      schema: {
        summary: 'Start an unregister or unpair operation',
        tags: ['operations'],
        body: CreateOperationBody,
        response: { 202: AcceptedBody, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const req = toOperationRequest(body);
      const result = await withDeadline(enqueueOperation(deps, req.request, req.headers), INTAKE_DEADLINE_MS);
      if (!result.accepted) {
        const location = operationLocation(result.runningOperationId);
        return reply.status(409).send(
          errorPayload(
            'OPERATION_IN_PROGRESS',
            `an operation for application ${body.resource_id} is in progress`,
            {
              operation_id: result.runningOperationId,
              location,
            },
          ),
        );
      }
      const location = operationLocation(result.record.operation_id);
      request.log.info(
        {
          operation_id: result.record.operation_id,
          application_id: body.resource_id,
          correlation_id: req.request.correlation_id,
        },
        'operation accepted',
      );
      return reply
        .status(202)
        .header('location', location)
        .send({ operation_id: result.record.operation_id, status: 'IN_PROGRESS' as const, location });
    },
  );

  app.get(
    '/operations/:operationId',
    {
      schema: {
        summary: 'Read an operation with its progress',
        tags: ['operations'],
        params: OperationParams,
        response: { 200: OperationBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const id = request.params.operationId;
      const [record, events] = await withDeadline(
        Promise.all([deps.store.get(id), deps.store.getEvents(id)]),
        INTAKE_DEADLINE_MS,
      );
      if (record === null) {
        return reply
          .status(404)
          .send(errorPayload('NOT_FOUND', `operation ${id} not found`, { operation_id: id }));
      }
      return toOperationBody(record, events);
    },
  );
};

function toOperationRequest(body: CreateOperationBody): {
  request: OperationRequest;
  headers: Record<string, string>;
} {
  if (!isOperationKind(body.operation_type, body.operation_category)) {
    throw new ValidationError(
      `operation_type ${body.operation_type} does not go with operation_category ${body.operation_category}` +
        ' (valid: Delete+unregisterApplication, Update+unpairApplication)',
    );
  }
  const webhookIds = body.webhook_ids ?? [];
  if (webhookIds.length > 1) {
    throw new ValidationError(`expected 0 or 1 webhook for execution, found: ${webhookIds.length}`);
  }
  const parsed = parseRequestObject(body.request_object);
  if (!parsed.ok) throw new ValidationError(parsed.error);
  const { Headers: headers, ...requestObject } = parsed.value;
  return {
    request: {
      operation_type: body.operation_type,
      operation_category: body.operation_category,
      resource_type: 'application',
      resource_id: body.resource_id,
      correlation_id: body.correlation_id ?? null,
      webhook_ids: webhookIds,
      request_object: requestObject,
    },
    headers: headers ?? {},
  };
}
