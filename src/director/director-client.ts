import Value from 'typebox/value';
import { RetryableError } from '../errors.js';
import type { OutboundClient } from '../http/outbound-client.js';
import { APPLICATION_QUERY } from './application-query.js';
import {
  APPLICATION_RESPONSE_DATA,
  type DirectorApplication,
  toDirectorApplication,
} from './director-application.js';
import type { TokenProvider } from './token-provider.js';

export interface DirectorCallContext {
  /** The operation's TenantID, sent as the `tenant` header. */
  readonly tenant: string;
  /** Director's request ID, sent back as `x-request-id`. */
  readonly correlationId?: string | null;
}

/** The body of `PUT /operation` (CONTRACT.md section 6), in Director's snake_case. */
export interface DirectorOperationResult {
  readonly operation_type: 'Delete' | 'Update';
  readonly resource_type: 'application';
  readonly resource_id: string;
  readonly operation_category: 'unregisterApplication' | 'unpairApplication';
  /** Absent (or empty) on success; Director stores it as the application's error otherwise. */
  readonly error?: string;
}

export interface DirectorClient {
  /**
   * The application with its webhooks, or null when Director answers `application: null`. Any other
   * failure (HTTP status, GraphQL errors, a body that is not the expected shape) rejects with
   * RetryableError: it is never mistaken for "not found", which would delete or fail an operation.
   */
  fetchApplication(applicationId: string, ctx: DirectorCallContext): Promise<DirectorApplication | null>;
  /** Reports the final result; resolves only on HTTP 200, rejects with RetryableError otherwise. */
  finalize(
    result: DirectorOperationResult,
    ctx: DirectorCallContext,
  ): Promise<{ statusCode: number; durationMs: number }>;
}

export interface DirectorClientOptions {
  readonly http: OutboundClient;
  readonly graphqlUrl: string;
  readonly operationUrl: string;
  readonly token: TokenProvider;
}

/** Longest excerpt of Director's GraphQL error messages kept in an error message. */
const MAX_ERROR_TEXT = 500;

export function createDirectorClient(options: DirectorClientOptions): DirectorClient {
  const { http, graphqlUrl, operationUrl, token } = options;

  async function headers(ctx: DirectorCallContext): Promise<Record<string, string>> {
    const bearer = await token.get();
    return {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(bearer !== null ? { authorization: `Bearer ${bearer}` } : {}),
      ...(ctx.tenant !== '' ? { tenant: ctx.tenant } : {}),
      ...(ctx.correlationId ? { 'x-request-id': ctx.correlationId } : {}),
    };
  }

  return {
    async fetchApplication(applicationId, ctx) {
      const response = await http.request({
        method: 'POST',
        url: graphqlUrl,
        headers: await headers(ctx),
        body: JSON.stringify({ query: APPLICATION_QUERY, variables: { id: applicationId } }),
      });
      if (response.statusCode !== 200) {
        throw new RetryableError(
          'DIRECTOR_UNAVAILABLE',
          `director GraphQL answered HTTP ${response.statusCode}`,
        );
      }
      const payload = parseJson(response.body);
      if (!isRecord(payload)) {
        throw new RetryableError('DIRECTOR_BAD_RESPONSE', 'director GraphQL answer is not a JSON object');
      }
      const errors = payload.errors;
      if (Array.isArray(errors) && errors.length > 0) {
        throw new RetryableError('DIRECTOR_GRAPHQL_ERROR', `director GraphQL errors: ${errorText(errors)}`);
      }
      const data = payload.data;
      if (!Value.Check(APPLICATION_RESPONSE_DATA, data)) {
        const first = Value.Errors(APPLICATION_RESPONSE_DATA, data)[0];
        const where = first ? ` at ${first.instancePath || '/'}: ${first.message}` : '';
        throw new RetryableError('DIRECTOR_BAD_RESPONSE', `unexpected director application answer${where}`);
      }
      return data.application === null ? null : toDirectorApplication(data.application);
    },

    async finalize(result, ctx) {
      const { error, ...rest } = result;
      const body = error !== undefined && error !== '' ? { ...rest, error } : rest;
      const response = await http.request({
        method: 'PUT',
        url: operationUrl,
        headers: await headers(ctx),
        body: JSON.stringify(body),
      });
      // Director answers 200 and nothing else once it has stored the result.
      if (response.statusCode !== 200) {
        throw new RetryableError(
          'DIRECTOR_FINALIZE_REJECTED',
          `director did not accept the operation result: HTTP ${response.statusCode}`,
        );
      }
      return { statusCode: response.statusCode, durationMs: response.durationMs };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RetryableError('DIRECTOR_BAD_RESPONSE', 'director GraphQL answer is not JSON');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(errors: readonly unknown[]): string {
  const text = errors
    .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : 'unknown error'))
    .join('; ');
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}...` : text;
}
