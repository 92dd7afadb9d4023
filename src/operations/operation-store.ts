import type { Clock } from '../clock.js';
import type { RedisClient } from '../redis.js';
import { LuaScript } from './lua-script.js';
import type { OperationEvent, OperationRecord, OperationRequest, OperationStatus } from './operation.js';

/** How many events an operation keeps; older ones are trimmed so a long poll cannot grow without bound. */
export const MAX_EVENTS = 100;

export interface HistoryPage {
  items: OperationRecord[];
  /** Opaque cursor for the next page, or null at the end. */
  next: string | null;
}

/**
 * Operation records: the history callers poll, kept in Redis under the queue prefix and independent of
 * BullMQ's job retention, so records outlive their jobs and expire after the retention period.
 *
 * Keys (all start with the queue prefix, so a `{hash-tag}` prefix keeps them in one cluster slot):
 * - `<prefix>:opctl:op:<id>`          hash: `record` (JSON) and `headers` (request headers, never served)
 * - `<prefix>:opctl:op:<id>:events`   list of JSON events, trimmed to MAX_EVENTS
 * - `<prefix>:opctl:app:<appId>:ops`  sorted set of operation IDs by creation time (the history index)
 *
 * Only one worker drives an operation at a time (the job lock), so read-modify-write updates of one
 * record do not race each other.
 */
export class OperationStore {
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    retentionDays: number,
    private readonly clock: Clock,
  ) {
    this.ttlSeconds = retentionDays * 24 * 3600;
  }

  private opKey(id: string): string {
    return `${this.prefix}:opctl:op:${id}`;
  }

  private eventsKey(id: string): string {
    return `${this.prefix}:opctl:op:${id}:events`;
  }

  private appKey(applicationId: string): string {
    return `${this.prefix}:opctl:app:${applicationId}:ops`;
  }

  /**
   * Stores a new IN_PROGRESS record; it joins its application's history only when linked. The write is
   * sent at once; `written` settles with Redis's answer.
   */
  create(
    operationId: string,
    request: OperationRequest,
    headers: Record<string, string>,
  ): { record: OperationRecord; written: Promise<void> } {
    const now = this.clock.now().toISOString();
    const record: OperationRecord = {
      operation_id: operationId,
      ...request,
      status: 'IN_PROGRESS',
      error: null,
      step: 'fetch',
      last_error: null,
      webhook: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    const written = CREATE.runInOrder(
      this.redis,
      [this.opKey(operationId)],
      [JSON.stringify(record), JSON.stringify(headers), this.ttlSeconds],
    ).then(() => undefined);
    return { record, written };
  }

  /** Adds the operation to its application's history (idempotent) and trims entries past retention. */
  async link(record: Pick<OperationRecord, 'operation_id' | 'resource_id' | 'created_at'>): Promise<void> {
    const key = this.appKey(record.resource_id);
    const createdMs = Date.parse(record.created_at);
    await LINK.run(
      this.redis,
      [key],
      [record.operation_id, createdMs, this.ttlSeconds, this.clock.now().getTime() - this.ttlSeconds * 1000],
    );
  }

  /**
   * Reads which operation the BullMQ job at `jobKey` holds and, in the same atomic step, links the
   * record into its application's history when that holder is this operation. Returns the holder's
   * operation ID, `unknown` for a job whose data cannot be read, or null when no job exists.
   */
  async linkIfHolder(
    jobKey: string,
    record: Pick<OperationRecord, 'operation_id' | 'resource_id' | 'created_at'>,
  ): Promise<string | null> {
    const holder = await LINK_IF_HOLDER.run(
      this.redis,
      [jobKey, this.appKey(record.resource_id)],
      [
        record.operation_id,
        Date.parse(record.created_at),
        this.ttlSeconds,
        this.clock.now().getTime() - this.ttlSeconds * 1000,
      ],
    );
    return typeof holder === 'string' && holder !== '' ? holder : null;
  }

  /** Removes a record that never became an operation (its request lost the race for the application). */
  async discard(operationId: string): Promise<void> {
    await this.redis.del(this.opKey(operationId), this.eventsKey(operationId));
  }

  async get(operationId: string): Promise<OperationRecord | null> {
    const raw = await this.redis.hget(this.opKey(operationId), 'record');
    return raw === null ? null : (JSON.parse(raw) as OperationRecord);
  }

  /** The request object's headers, for the worker's header templates only. */
  async getRequestHeaders(operationId: string): Promise<Record<string, string>> {
    const raw = await this.redis.hget(this.opKey(operationId), 'headers');
    return raw === null ? {} : (JSON.parse(raw) as Record<string, string>);
  }

  async getEvents(operationId: string): Promise<OperationEvent[]> {
    const raw = await this.redis.lrange(this.eventsKey(operationId), 0, -1);
    return raw.map((e) => JSON.parse(e) as OperationEvent);
  }

  async latestForApplication(applicationId: string): Promise<OperationRecord | null> {
    const page = await this.listForApplication(applicationId, { limit: 1 });
    return page.items[0] ?? null;
  }

  /** Newest first. The cursor is the score (creation ms) and ID of the last item already returned. */
  async listForApplication(
    applicationId: string,
    { limit, cursor }: { limit: number; cursor?: string | undefined },
  ): Promise<HistoryPage> {
    const key = this.appKey(applicationId);
    const max = cursor === undefined ? '+inf' : cursor;
    // Fetch one extra to know whether a next page exists; expired records are skipped.
    const ids = await this.redis.zrevrangebyscore(key, max, '-inf', 'WITHSCORES', 'LIMIT', 0, limit + 1);
    const pairs: { id: string; score: string }[] = [];
    for (let i = 0; i < ids.length; i += 2) pairs.push({ id: ids[i] as string, score: ids[i + 1] as string });
    const pageIds = pairs.slice(0, limit);
    const records = pageIds.length
      ? await this.redis.pipeline(pageIds.map((p) => ['hget', this.opKey(p.id), 'record'])).exec()
      : [];
    const items = (records ?? [])
      .map(([, raw]) => (typeof raw === 'string' ? (JSON.parse(raw) as OperationRecord) : null))
      .filter((r): r is OperationRecord => r !== null);
    const last = pageIds[pageIds.length - 1];
    // An exclusive bound: `(score` continues strictly below the last returned item.
    const next = pairs.length > limit && last ? `(${last.score}` : null;
    return { items, next };
  }

  /**
   * Writes the whole record and appends events in one atomic step. The worker holding the job's lock is
   * the only writer of a record after its creation, so it keeps the current record in memory and saves
   * it whole. A record that expired is not brought back.
   */
  async save(record: OperationRecord, events: readonly OperationEvent[] = []): Promise<void> {
    const id = record.operation_id;
    await SAVE.run(
      this.redis,
      [this.opKey(id), this.eventsKey(id)],
      [JSON.stringify(record), MAX_EVENTS, this.ttlSeconds, ...events.map((e) => JSON.stringify(e))],
    );
  }
}

/** The record once Director has the result; a record already finished stays as it is. */
export function finishedRecord(
  record: OperationRecord,
  status: Exclude<OperationStatus, 'IN_PROGRESS'>,
  error: string | null,
  nowIso: string,
): OperationRecord {
  if (record.status !== 'IN_PROGRESS') return record;
  return {
    ...record,
    status,
    error,
    step: 'done',
    webhook: record.webhook ? { ...record.webhook, state: status } : null,
    updated_at: nowIso,
    finished_at: nowIso,
  };
}

const CREATE = new LuaScript(`
redis.call('HSET', KEYS[1], 'record', ARGV[1], 'headers', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
`);

/** ARGV: operation ID, creation ms, TTL seconds, trim-before ms. */
const LINK_SOURCE = `
redis.call('ZADD', KEYS[LINK_KEY], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[LINK_KEY], '-inf', ARGV[4])
redis.call('EXPIRE', KEYS[LINK_KEY], ARGV[3])
`;

const LINK = new LuaScript(LINK_SOURCE.replaceAll('LINK_KEY', '1'));

const LINK_IF_HOLDER = new LuaScript(`
local data = redis.call('HGET', KEYS[1], 'data')
if not data then return '' end
local ok, decoded = pcall(cjson.decode, data)
local holder = 'unknown'
if ok and type(decoded) == 'table' and type(decoded.operationId) == 'string' then holder = decoded.operationId end
if holder == ARGV[1] then
${LINK_SOURCE.replaceAll('LINK_KEY', '2')}
end
return holder
`);

/** KEYS: record hash, events list. ARGV: record JSON, max events, TTL seconds, events JSON... */
const SAVE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[1])
if #ARGV > 3 then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 4))
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
return 1
`);
