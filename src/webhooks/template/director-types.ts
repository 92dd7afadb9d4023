import { FuncError } from './errors.js';
import { timestampJSON } from './timestamp.js';
import { type GoType, type Method, mapOf, ptrTo, type RValue, str, T, type Value } from './types.js';

/**
 * Director's Go types as the old controller handed them to text/template: the request object of
 * pkg/webhook with a *graphql.Application inside (graphql/application.go, base_entity.go,
 * timestamp.go), and the response object. Names, field order, pointer-ness and methods matter: they
 * decide what `.Application.X` resolves to, how values print and which error Go reports.
 */

export const RAW_MESSAGE: GoType = { kind: 'slice', name: 'json.RawMessage', named: true, elem: T.uint8 };
const BYTES_RESULT = { kind: 'slice', name: '[]uint8', named: false, elem: T.uint8 } as GoType;

const RESOURCE_TYPE: GoType = { kind: 'string', name: 'resource.Type', named: true };

export const LOCATION: GoType = { kind: 'struct', name: 'time.Location', named: true, fields: [] };

const notSupported = (name: string) => (): RValue => {
  throw new FuncError(`${name} is not supported by this renderer`);
};

export const TIMESTAMP: GoType = {
  kind: 'struct',
  name: 'graphql.Timestamp',
  named: true,
  fields: [
    { name: 'wall', type: T.uint64 },
    { name: 'ext', type: T.int64 },
    { name: 'loc', type: ptrTo(LOCATION) },
  ],
  methods: [
    {
      name: 'MarshalJSON',
      ptrRecv: false,
      params: [],
      results: 2,
      call: (recv) => ({
        t: BYTES_RESULT,
        v: [...timestampJSON(recv)].map((c) => ({ t: T.uint8, v: BigInt(c.charCodeAt(0)) })),
      }),
    },
    { name: 'MarshalGQL', ptrRecv: false, params: [T.iface], results: 0, call: notSupported('MarshalGQL') },
    {
      name: 'UnmarshalJSON',
      ptrRecv: true,
      params: [RAW_MESSAGE],
      results: 1,
      call: notSupported('UnmarshalJSON'),
    },
    {
      name: 'UnmarshalGQL',
      ptrRecv: true,
      params: [T.iface],
      results: 1,
      call: notSupported('UnmarshalGQL'),
    },
  ],
};

const CONDITION_METHODS: Method[] = [
  {
    name: 'IsValid',
    ptrRecv: false,
    params: [],
    results: 1,
    call: (recv) => ({ t: T.bool, v: isCondition(recv) }),
  },
  { name: 'MarshalGQL', ptrRecv: false, params: [T.iface], results: 0, call: notSupported('MarshalGQL') },
  { name: 'String', ptrRecv: false, params: [], results: 1, call: (recv) => str(String(recv.v)) },
  { name: 'UnmarshalGQL', ptrRecv: true, params: [T.iface], results: 1, call: notSupported('UnmarshalGQL') },
];

const CONDITIONS = [
  'INITIAL',
  'CONNECTED',
  'FAILED',
  'CREATING',
  'CREATE_FAILED',
  'CREATE_SUCCEEDED',
  'UPDATING',
  'UPDATE_FAILED',
  'UPDATE_SUCCEEDED',
  'DELETING',
  'DELETE_FAILED',
  'DELETE_SUCCEEDED',
  'UNPAIRING',
  'UNPAIR_FAILED',
];
const isCondition = (v: Value): boolean => CONDITIONS.includes(String(v.v));

export const CONDITION: GoType = {
  kind: 'string',
  name: 'graphql.ApplicationStatusCondition',
  named: true,
  methods: CONDITION_METHODS,
};

export const APPLICATION_STATUS: GoType = {
  kind: 'struct',
  name: 'graphql.ApplicationStatus',
  named: true,
  fields: [
    { name: 'Condition', type: CONDITION, json: 'condition' },
    { name: 'Timestamp', type: TIMESTAMP, json: 'timestamp' },
  ],
};

const PSTRING = ptrTo(T.string);
const PTIMESTAMP = ptrTo(TIMESTAMP);

export const BASE_ENTITY: GoType = {
  kind: 'struct',
  name: 'graphql.BaseEntity',
  named: true,
  fields: [
    { name: 'ID', type: T.string, json: 'id' },
    { name: 'Ready', type: T.bool, json: 'ready' },
    { name: 'CreatedAt', type: PTIMESTAMP, json: 'createdAt' },
    { name: 'UpdatedAt', type: PTIMESTAMP, json: 'updatedAt' },
    { name: 'DeletedAt', type: PTIMESTAMP, json: 'deletedAt' },
    { name: 'Error', type: PSTRING, json: 'error' },
  ],
  methods: [
    {
      name: 'GetID',
      ptrRecv: true,
      params: [],
      results: 1,
      call: (recv) => {
        const base = baseEntityOf(recv);
        if (!base) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
        return (base.v as Value[])[0] ?? null;
      },
    },
    { name: 'GetType', ptrRecv: true, params: [], results: 1, call: () => ({ t: RESOURCE_TYPE, v: '' }) },
  ],
};

/** The BaseEntity a method receiver stands for: itself, or the one embedded in an Application. */
function baseEntityOf(recv: Value): Value | null {
  if (recv.t === BASE_ENTITY) return recv;
  const target = recv.t.kind === 'ptr' ? (recv.v as Value | null) : recv;
  if (!target) return null;
  if (target.t === BASE_ENTITY) return target;
  const embedded = (target.v as Value[])[APPLICATION_BASE_INDEX];
  return (embedded?.v as Value | null) ?? null;
}

const APPLICATION_FIELDS = [
  { name: 'Name', type: T.string, json: 'name' },
  { name: 'ProviderName', type: PSTRING, json: 'providerName' },
  { name: 'IntegrationSystemID', type: PSTRING, json: 'integrationSystemID' },
  { name: 'ApplicationTemplateID', type: PSTRING, json: 'applicationTemplateID' },
  { name: 'Description', type: PSTRING, json: 'description' },
  { name: 'Status', type: ptrTo(APPLICATION_STATUS), json: 'status' },
  { name: 'HealthCheckURL', type: PSTRING, json: 'healthCheckURL' },
  { name: 'SystemNumber', type: PSTRING, json: 'systemNumber' },
  { name: 'LocalTenantID', type: PSTRING, json: 'localTenantID' },
  { name: 'SystemStatus', type: PSTRING, json: 'systemStatus' },
  { name: 'BaseURL', type: PSTRING, json: 'baseUrl' },
  { name: 'ApplicationNamespace', type: PSTRING, json: 'applicationNamespace' },
  { name: 'BaseEntity', type: ptrTo(BASE_ENTITY), embedded: true },
];
const APPLICATION_BASE_INDEX = APPLICATION_FIELDS.length - 1;

export const APPLICATION: GoType = {
  kind: 'struct',
  name: 'graphql.Application',
  named: true,
  fields: APPLICATION_FIELDS,
  methods: [
    {
      name: 'GetType',
      ptrRecv: true,
      params: [],
      results: 1,
      call: () => ({ t: RESOURCE_TYPE, v: 'application' }),
    },
    { name: 'Sentinel', ptrRecv: true, params: [], results: 0, call: () => null },
  ],
};

export const RESOURCE: GoType = {
  kind: 'interface',
  name: 'webhook.Resource',
  named: true,
  requires: ['Sentinel'],
};

const STRING_MAP = mapOf(T.string, T.string);

export const REQUEST_OBJECT: GoType = {
  kind: 'struct',
  name: 'webhook.ApplicationLifecycleWebhookRequestObject',
  named: true,
  fields: [
    { name: 'Application', type: RESOURCE },
    { name: 'TenantID', type: T.string },
    { name: 'Headers', type: STRING_MAP },
  ],
};

export const RESPONSE_OBJECT: GoType = {
  kind: 'struct',
  name: 'webhook.ResponseObject',
  named: true,
  fields: [
    { name: 'Body', type: STRING_MAP },
    { name: 'Headers', type: STRING_MAP },
  ],
};
