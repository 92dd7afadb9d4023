import { type Static, Type } from 'typebox';

/** RFC 4122 textual form; Director's application IDs are UUIDs. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'a UUID' });

export const CreateOperationBody = Type.Object(
  {
    operation_type: Type.Union([Type.Literal('Delete'), Type.Literal('Update')], {
      description: '`Delete` (unregister) or `Update` (unpair)',
    }),
    operation_category: Type.Union([
      Type.Literal('unregisterApplication'),
      Type.Literal('unpairApplication'),
    ]),
    resource_type: Type.Literal('application'),
    resource_id: Uuid,
    correlation_id: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 256, pattern: '^[\\x20-\\x7E]+$' }), Type.Null()], {
        description: "Director's request ID, forwarded on outbound calls (printable ASCII, at most 256)",
      }),
    ),
    webhook_ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 256 }), {
        maxItems: 64,
        description: '0 or 1 webhook IDs',
      }),
    ),
    request_object: Type.Union(
      [Type.String({ maxLength: 60_000 }), Type.Object({}, { additionalProperties: true })],
      {
        description:
          '`{"Application": {...}, "TenantID": "...", "Headers": {...}}` as a JSON string or object',
      },
    ),
  },
  { additionalProperties: false },
);
export type CreateOperationBody = Static<typeof CreateOperationBody>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.String(),
      },
      { additionalProperties: true },
    ),
  },
  { description: 'every error has this shape; `code` is stable' },
);

export const AcceptedBody = Type.Object({
  operation_id: Uuid,
  status: Type.Literal('IN_PROGRESS'),
  location: Type.String(),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const WebhookProgressBody = Type.Object({
  webhook_id: Type.String(),
  state: Type.String(),
  retries_count: Type.Integer(),
  webhook_poll_url: NullableString,
  last_poll_timestamp: NullableString,
});

export const OperationEventBody = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  outcome: Type.String(),
  http_status: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  duration_ms: Type.Optional(Type.Number()),
  lateness_ms: Type.Optional(Type.Number()),
  error: Type.Optional(Type.String()),
});

export const OperationBody = Type.Object({
  operation_id: Uuid,
  operation_type: Type.String(),
  operation_category: Type.String(),
  resource_type: Type.String(),
  resource_id: Type.String(),
  correlation_id: NullableString,
  webhook_ids: Type.Array(Type.String()),
  request_object: Type.Object(
    { Application: Type.Object({}, { additionalProperties: true }), TenantID: Type.String() },
    { description: 'the request object without its Headers' },
  ),
  status: Type.Union([Type.Literal('IN_PROGRESS'), Type.Literal('SUCCEEDED'), Type.Literal('FAILED')]),
  error: NullableString,
  step: Type.String({ description: 'fetch, call, poll, finalize or done' }),
  last_error: NullableString,
  webhook: Type.Union([WebhookProgressBody, Type.Null()]),
  created_at: Type.String(),
  updated_at: Type.String(),
  finished_at: NullableString,
  events: Type.Optional(Type.Array(OperationEventBody)),
});

export const HistoryBody = Type.Object({
  items: Type.Array(OperationBody),
  next_cursor: NullableString,
});

export const OperationParams = Type.Object({ operationId: Type.String({ maxLength: 64 }) });
export const ApplicationParams = Type.Object({ applicationId: Type.String({ maxLength: 256 }) });
export const HistoryQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1 to 100, default 20' }),
    ),
    cursor: Type.Optional(
      Type.String({ pattern: '^\\(\\d+$', description: '`next_cursor` of the previous page' }),
    ),
  },
  { additionalProperties: false },
);
