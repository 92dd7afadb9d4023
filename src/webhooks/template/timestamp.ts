import type { Value } from './types.js';

/**
 * graphql.Timestamp is `type Timestamp time.Time`: it has no String method, so Go prints its fields
 * (`{wall ext loc}`). A time parsed from RFC 3339 has wall = nanoseconds, ext = seconds since year 1,
 * and loc = nil for `Z` (any other offset points at a *time.Location).
 */

const UNIX_TO_INTERNAL = 62135596800n;

export class TimestampError extends Error {}

export interface ParsedTime {
  unixSeconds: bigint;
  nanos: number;
  /** Offset east of UTC in seconds, or null for `Z`. */
  offset: number | null;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** time.Parse(time.RFC3339, s) as Go 1.19's Time.UnmarshalJSON uses it. */
export function parseRFC3339(s: string): ParsedTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new TimestampError(`parsing time ${JSON.stringify(s)} as RFC 3339 failed`);
  const [, ys = '', mos = '', ds = '', hs = '', mis = '', ss = '', frac = '', zone = 'Z'] = m;
  const [y, mo, d, h, mi, sec] = [ys, mos, ds, hs, mis, ss].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const maxDay = mo === 2 && !isLeap(y) ? 28 : (DAYS[mo - 1] ?? 0);
  if (mo < 1 || mo > 12) throw new TimestampError(`parsing time ${JSON.stringify(s)}: month out of range`);
  if (d < 1 || d > maxDay) throw new TimestampError(`parsing time ${JSON.stringify(s)}: day out of range`);
  if (h > 23 || mi > 59 || sec > 59)
    throw new TimestampError(`parsing time ${JSON.stringify(s)}: time out of range`);
  const nanos = frac === '' ? 0 : Number(frac.slice(0, 9).padEnd(9, '0'));
  let offset: number | null = null;
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const [zh = 0, zm = 0] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59)
      throw new TimestampError(`parsing time ${JSON.stringify(s)}: time zone offset out of range`);
    offset = sign * (zh * 3600 + zm * 60);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, 0);
  const unixSeconds = BigInt(Math.floor(date.getTime() / 1000)) - BigInt(offset ?? 0);
  return { unixSeconds, nanos, offset };
}

export function internalSeconds(unixSeconds: bigint): bigint {
  return unixSeconds + UNIX_TO_INTERNAL;
}

/** Time.MarshalJSON: RFC 3339 with nanoseconds, trailing zeros dropped, in the time's own offset. */
export function timestampJSON(ts: Value): string {
  const [wall, ext, loc] = ts.v as [Value, Value, Value];
  const nanos = Number(wall.v);
  const offsetTarget = loc.v as Value | null;
  const offset = offsetTarget ? Number(offsetTarget.v) : 0;
  const unix = Number((ext.v as bigint) - UNIX_TO_INTERNAL) + offset;
  const d = new Date(unix * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  let out = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (nanos > 0) out += `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  if (!offsetTarget) return `"${out}Z"`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `"${out}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}"`;
}
