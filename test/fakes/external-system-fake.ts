import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { TLSSocket } from 'node:tls';
import { closeServer, flatHeaders, listen, readBody, sendJson, sleep } from './http-helpers.js';
import { generateTlsMaterial, type TlsMaterial } from './tls-material.js';

/** One scripted answer. An object or array body is sent as JSON; a string as it is. */
export interface ScriptedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names, repeated headers joined with ", " (Node's view). */
  readonly headers: Record<string, string>;
  /** Raw name/value list, repeated headers kept apart. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
  readonly at: Date;
  /** CN of the client certificate (mTLS variant). */
  readonly clientCertCn?: string;
}

export type ExternalSystemAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | {
      readonly kind: 'oauth';
      readonly clientId: string;
      readonly clientSecret: string;
      /** `expires_in` of issued tokens; default 3600. */
      readonly tokenLifetimeSeconds?: number;
    }
  | { readonly kind: 'mtls' };

export interface ExternalSystemFakeOptions {
  readonly port?: number;
  readonly auth?: ExternalSystemAuth;
}

export interface ExternalSystemFake {
  readonly url: string;
  /** `${url}/oauth/token` (OAuth variant). */
  readonly tokenUrl: string;
  /** PEMs of the mTLS variant: the CA to trust and the client certificate to present. */
  readonly ca?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
  /** Scripts `method path`: answers in order, the last one repeats. Replaces an earlier script. */
  route(method: string, path: string, responses: readonly ScriptedResponse[]): void;
  /** Recorded requests to scripted routes (token requests excluded), optionally filtered. */
  requests(filter?: { readonly method?: string; readonly path?: string }): readonly RecordedRequest[];
  /** Token requests seen by the token endpoint (OAuth variant), granted or not. */
  tokenRequests(): readonly RecordedRequest[];
  /** Number of access tokens issued so far. */
  issuedTokens(): number;
  /** Makes every issued token invalid (routes answer 401 until a new one is fetched). */
  revokeTokens(): void;
  close(): Promise<void>;
}

/**
 * An external system with scripted routes, recording every request. Variants: no auth, Basic required,
 * OAuth (client-credentials token endpoint issuing expiring tokens, bearer checked on routes) and mTLS
 * (HTTPS requiring a client certificate signed by the CA it generates at start).
 */
export async function startExternalSystemFake(
  options: ExternalSystemFakeOptions = {},
): Promise<ExternalSystemFake> {
  const auth = options.auth ?? { kind: 'none' };
  const scripts = new Map<string, { responses: readonly ScriptedResponse[]; next: number }>();
  const log: RecordedRequest[] = [];
  const tokenLog: RecordedRequest[] = [];
  const tokens = new Map<string, number>();
  let issued = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const cn = req.socket instanceof TLSSocket ? req.socket.getPeerCertificate().subject?.CN : undefined;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: flatHeaders(req),
      rawHeaders: [...req.rawHeaders],
      body: await readBody(req),
      at: new Date(),
      ...(typeof cn === 'string' ? { clientCertCn: cn } : {}),
    };
    if (auth.kind === 'oauth' && path === '/oauth/token' && recorded.method === 'POST') {
      tokenLog.push(recorded);
      return issueToken(recorded, res);
    }
    log.push(recorded);
    if (!authorized(recorded)) return sendJson(res, 401, { error: 'unauthorized' });
    const script = scripts.get(`${recorded.method} ${path}`);
    if (script === undefined)
      return sendJson(res, 404, { error: `no script for ${recorded.method} ${path}` });
    const answer = script.responses[Math.min(script.next, script.responses.length - 1)];
    script.next += 1;
    if (answer === undefined) return sendJson(res, 500, { error: 'empty script' });
    await sleep(answer.delayMs ?? 0);
    const text =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    const headers: Record<string, string | string[]> = {};
    if (answer.body !== undefined && typeof answer.body !== 'string')
      headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(answer.headers ?? {})) {
      headers[name] = typeof value === 'string' ? value : [...value];
    }
    res.writeHead(answer.status, headers);
    res.end(text);
  }

  function authorized(req: RecordedRequest): boolean {
    const given = req.headers.authorization;
    switch (auth.kind) {
      case 'basic':
        return given === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      case 'oauth': {
        const token = given?.startsWith('Bearer ') ? given.slice('Bearer '.length) : '';
        const expiresAt = tokens.get(token);
        return expiresAt !== undefined && expiresAt > Date.now();
      }
      default:
        // mTLS is enforced by the TLS handshake itself.
        return true;
    }
  }

  function issueToken(req: RecordedRequest, res: ServerResponse): void {
    if (auth.kind !== 'oauth') return;
    const expected = `Basic ${Buffer.from(`${auth.clientId}:${auth.clientSecret}`).toString('base64')}`;
    const form = new URLSearchParams(req.body);
    if (req.headers.authorization !== expected) {
      sendJson(res, 401, { error: 'invalid_client' });
      return;
    }
    if (form.get('grant_type') !== 'client_credentials') {
      sendJson(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    const lifetime = auth.tokenLifetimeSeconds ?? 3600;
    const token = randomBytes(16).toString('hex');
    tokens.set(token, Date.now() + lifetime * 1000);
    issued += 1;
    sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: lifetime });
  }

  let tls: TlsMaterial | undefined;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
    });
  };
  let server: ReturnType<typeof createHttpServer>;
  if (auth.kind === 'mtls') {
    tls = await generateTlsMaterial();
    server = createHttpsServer(
      { cert: tls.serverCert, key: tls.serverKey, ca: tls.ca, requestCert: true, rejectUnauthorized: true },
      listener,
    );
  } else {
    server = createHttpServer(listener);
  }
  const port = await listen(server, options.port ?? 0);
  const url = `${auth.kind === 'mtls' ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url,
    tokenUrl: `${url}/oauth/token`,
    ...(tls !== undefined ? { ca: tls.ca, clientCert: tls.clientCert, clientKey: tls.clientKey } : {}),
    route(method, path, responses) {
      if (responses.length === 0) throw new Error('a route needs at least one response');
      scripts.set(`${method.toUpperCase()} ${path}`, { responses: [...responses], next: 0 });
    },
    requests(filter = {}) {
      return log.filter(
        (r) =>
          (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
          (filter.path === undefined || r.path === filter.path),
      );
    },
    tokenRequests: () => [...tokenLog],
    issuedTokens: () => issued,
    revokeTokens: () => tokens.clear(),
    close: () => closeServer(server),
  };
}
