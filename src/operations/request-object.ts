import sjson from 'secure-json-parse';
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

const NullableString = Type.Union([Type.String({ maxLength: 4096 }), Type.Null()]);
const Timestamp = Type.Union([Type.String({ maxLength: 64 }), Type.Null()]);

/**
 * The application as Director serialises it into the request object (Director's JSON keys). Director may
 * add fields we do not know; like Go's `encoding/json` we accept and ignore them.
 */
export const RequestApplicationSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 256 }),
    name: Type.String({ maxLength: 1024 }),
    providerName: Type.Optional(NullableString),
    description: Type.Optional(NullableString),
    integrationSystemID: Type.Optional(NullableString),
    applicationTemplateID: Type.Optional(NullableString),
    status: Type.Optional(
      Type.Union([
        Type.Object({
          condition: Type.String({ maxLength: 256 }),
          timestamp: Timestamp,
        }),
        Type.Null(),
      ]),
    ),
    healthCheckURL: Type.Optional(NullableString),
    systemNumber: Type.Optional(NullableString),
    localTenantID: Type.Optional(NullableString),
    systemStatus: Type.Optional(NullableString),
    baseUrl: Type.Optional(NullableString),
    applicationNamespace: Type.Optional(NullableString),
    ready: Type.Optional(Type.Boolean()),
    createdAt: Type.Optional(Timestamp),
    updatedAt: Type.Optional(Timestamp),
    deletedAt: Type.Optional(Timestamp),
    error: Type.Optional(NullableString),
  },
  { additionalProperties: true },
);

/** `{"Application": {...}, "TenantID": "...", "Headers": {"Canonical-Name": "first value"}}` */
export const RequestObjectSchema = Type.Object(
  {
    Application: RequestApplicationSchema,
    TenantID: Type.String({ maxLength: 256 }),
    Headers: Type.Optional(
      Type.Union([Type.Record(Type.String(), Type.String({ maxLength: 8192 })), Type.Null()]),
    ),
  },
  { additionalProperties: true },
);

export type RequestApplication = Static<typeof RequestApplicationSchema>;
export type RequestObject = Static<typeof RequestObjectSchema>;

const check = Compile(RequestObjectSchema);

/**
 * Accepts the request object as a JSON string (as Director sends it) or as an object, and returns it
 * checked, or a readable reason.
 */
export function parseRequestObject(
  input: unknown,
): { ok: true; value: RequestObject } | { ok: false; error: string } {
  let value = input;
  if (typeof input === 'string') {
    try {
      // Same rule as the HTTP body: `__proto__`/`constructor.prototype` keys are refused outright.
      value = sjson.parse(input, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (err) {
      return { ok: false, error: `request_object is not valid JSON: ${(err as Error).message}` };
    }
  }
  if (check.Check(value)) return { ok: true, value };
  const first = check.Errors(value)[0];
  const where = first?.instancePath
    ? `request_object${first.instancePath.replaceAll('/', '.')}`
    : 'request_object';
  return { ok: false, error: `${where}: ${first?.message ?? 'has the wrong shape'}` };
}
