import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../src/errors.js';
import { toResponseObject } from '../../src/webhooks/response-object.js';

describe('toResponseObject', () => {
  it('flattens the top-level JSON object: strings as they are, nulls dropped, the rest JSON-encoded', () => {
    const body = JSON.stringify({
      status: 'IN_PROGRESS',
      error: null,
      count: 3,
      ratio: 1.5,
      done: false,
      nested: { a: [1, 'x'] },
      list: ['a'],
      quote: 'say "hi"',
    });
    expect(toResponseObject({}, body).Body).toEqual({
      status: 'IN_PROGRESS',
      count: '3',
      ratio: '1.5',
      done: 'false',
      nested: '{"a":[1,"x"]}',
      list: '["a"]',
      quote: 'say "hi"',
    });
  });

  it('maps an empty body to an empty map', () => {
    expect(toResponseObject({}, '')).toEqual({ Headers: {}, Body: {} });
  });

  it('spells header names as Go does and keeps the first value', () => {
    const headers = {
      location: 'http://a',
      'content-type': 'application/json',
      'x-request-id': '1',
      client_user: 'u',
    };
    expect(toResponseObject(headers, '{}').Headers).toEqual({
      Location: 'http://a',
      'Content-Type': 'application/json',
      'X-Request-Id': '1',
      Client_user: 'u',
    });
  });

  it.each([['[1,2]'], ['"text"'], ['42'], ['null'], ['<html>bad gateway</html>'], ['   ']])(
    'rejects a body that is not a JSON object (%s) as retryable',
    (body) => {
      let caught: unknown;
      try {
        toResponseObject({}, body);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(RetryableError);
      expect(caught).toMatchObject({ code: 'RESPONSE_NOT_JSON_OBJECT' });
    },
  );

  it('keeps a __proto__ key as data without touching the prototype', () => {
    const result = toResponseObject({}, '{"__proto__": {"polluted": true}, "a": "b"}');
    expect(Object.getPrototypeOf(result.Body)).toBe(Object.prototype);
    expect(Object.hasOwn(result.Body, '__proto__')).toBe(true);
    expect(result.Body.a).toBe('b');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
