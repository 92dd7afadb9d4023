/**
 * The only reader of the environment. `loadConfig` validates every setting at once and throws a
 * ConfigError listing each bad or missing variable, so a misconfigured process fails at start-up with
 * one clear message instead of at the first operation.
 */
export type Role = 'api' | 'worker' | 'cli';

export interface Config {
  readonly role: Role;
  readonly redisUrl: string;
  /** REDIS_URL is a seed node of a Redis Cluster. */
  readonly redisCluster: boolean;
  /** BullMQ key prefix; `{ops}` (a hash tag) keeps every key in one Redis Cluster slot. */
  readonly queuePrefix: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly logPretty: boolean;
  readonly operationRetentionDays: number;
  readonly shutdownTimeoutSeconds: number;
  readonly api: {
    readonly host: string;
    readonly port: number;
    readonly tokens: readonly string[];
    readonly authDisabled: boolean;
    readonly board: {
      readonly username: string;
      readonly password: string;
      readonly readOnly: boolean;
    } | null;
  };
  readonly worker: {
    readonly concurrency: number;
    readonly metricsHost: string;
    readonly metricsPort: number;
    readonly directorGraphqlUrl: string;
    readonly directorOperationUrl: string;
    readonly directorToken: string | null;
    readonly directorTokenFile: string | null;
    readonly webhookTimeoutSeconds: number;
    readonly webhookPollIntervalSeconds: number;
    readonly httpTimeoutSeconds: number;
    readonly webhookClientCertFile: string | null;
    readonly webhookClientKeyFile: string | null;
    readonly webhookCaFile: string | null;
    readonly webhookResponseMaxBytes: number;
    readonly retryMaxBackoffSeconds: number;
    readonly finalizeMaxBackoffSeconds: number;
    readonly lockDurationSeconds: number;
    readonly stalledIntervalSeconds: number;
    readonly maxStalledCount: number;
  };
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Collects problems instead of throwing at the first, so the operator fixes everything in one go. */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | null {
    return this.raw(name) ?? null;
  }

  required(name: string, when: boolean, fallback = ''): string {
    const value = this.raw(name);
    if (value === undefined && when) this.problems.push(`${name} is required`);
    return value ?? fallback;
  }

  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${value}"`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: readonly string[], required = false): string {
    const value = required ? this.required(name, true) : this.string(name, fallback);
    if (value === '') return value;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
      }
    } catch {
      this.problems.push(`${name} must be a URL, got "${value}"`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }
}

export function loadConfig(env: Env, role: Role): Config {
  const r = new Reader(env);
  const isWorker = role === 'worker';

  const authDisabled = r.bool('AUTH_DISABLED', false);
  const tokens = r
    .string('API_TOKENS', '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (role === 'api' && !authDisabled && tokens.length === 0) {
    r.problems.push('API_TOKENS is required (comma-separated bearer tokens) unless AUTH_DISABLED=true');
  }
  if (tokens.some((t) => t.length < 16))
    r.problems.push('API_TOKENS: each token must be at least 16 characters');

  const boardUser = r.optional('BOARD_USERNAME');
  const boardPassword = r.optional('BOARD_PASSWORD');
  if ((boardUser === null) !== (boardPassword === null)) {
    r.problems.push('BOARD_USERNAME and BOARD_PASSWORD must be set together');
  }
  const boardReadOnly = r.bool('BOARD_READ_ONLY', true);

  const queuePrefix = r.string('QUEUE_PREFIX', 'bull');
  if (!/^[\w{}.-]{1,64}$/.test(queuePrefix)) {
    r.problems.push(`QUEUE_PREFIX may hold letters, digits, _ . - { } (at most 64), got "${queuePrefix}"`);
  }

  const redisCluster = r.bool('REDIS_CLUSTER', false);
  if (redisCluster && !/\{[^}]+\}/.test(queuePrefix)) {
    r.problems.push(
      `REDIS_CLUSTER=true needs a hash tag in QUEUE_PREFIX (such as {ops}) so the queue lives in one slot, got "${queuePrefix}"`,
    );
  }

  const directorToken = r.optional('DIRECTOR_TOKEN');
  const directorTokenFile = r.optional('DIRECTOR_TOKEN_FILE');
  if (directorToken !== null && directorTokenFile !== null) {
    r.problems.push('set DIRECTOR_TOKEN or DIRECTOR_TOKEN_FILE, not both');
  }
  const certFile = r.optional('WEBHOOK_CLIENT_CERT_FILE');
  const keyFile = r.optional('WEBHOOK_CLIENT_KEY_FILE');
  if ((certFile === null) !== (keyFile === null)) {
    r.problems.push('WEBHOOK_CLIENT_CERT_FILE and WEBHOOK_CLIENT_KEY_FILE must be set together');
  }

  const config: Config = {
    role,
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisCluster,
    queuePrefix,
    logLevel: r.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    logPretty: r.bool('LOG_PRETTY', false),
    operationRetentionDays: r.int('OPERATION_RETENTION_DAYS', 30, 1, 3650),
    shutdownTimeoutSeconds: r.int('SHUTDOWN_TIMEOUT_SECONDS', 30, 1, 3600),
    api: {
      host: r.string('HOST', '0.0.0.0'),
      port: r.int('PORT', 8080, 0, 65535),
      tokens,
      authDisabled,
      board:
        boardUser !== null && boardPassword !== null
          ? { username: boardUser, password: boardPassword, readOnly: boardReadOnly }
          : null,
    },
    worker: {
      concurrency: r.int('WORKER_CONCURRENCY', 50, 1, 10000),
      metricsHost: r.string('WORKER_METRICS_HOST', '0.0.0.0'),
      metricsPort: r.int('WORKER_METRICS_PORT', 9091, 0, 65535),
      directorGraphqlUrl: r.url('DIRECTOR_GRAPHQL_URL', '', ['http:', 'https:'], isWorker),
      directorOperationUrl: r.url('DIRECTOR_OPERATION_URL', '', ['http:', 'https:'], isWorker),
      directorToken,
      directorTokenFile,
      webhookTimeoutSeconds: r.int('WEBHOOK_TIMEOUT_SECONDS', 7200, 1),
      webhookPollIntervalSeconds: r.int('WEBHOOK_POLL_INTERVAL_SECONDS', 10, 1),
      httpTimeoutSeconds: r.int('HTTP_TIMEOUT_SECONDS', 15, 1, 3600),
      webhookClientCertFile: certFile,
      webhookClientKeyFile: keyFile,
      webhookCaFile: r.optional('WEBHOOK_CA_FILE'),
      webhookResponseMaxBytes: r.int('WEBHOOK_RESPONSE_MAX_BYTES', 1024 * 1024, 1024),
      retryMaxBackoffSeconds: r.int('RETRY_MAX_BACKOFF_SECONDS', 60, 1),
      finalizeMaxBackoffSeconds: r.int('FINALIZE_MAX_BACKOFF_SECONDS', 300, 1),
      lockDurationSeconds: r.int('WORKER_LOCK_DURATION_SECONDS', 30, 1),
      stalledIntervalSeconds: r.int('WORKER_STALLED_INTERVAL_SECONDS', 30, 1),
      maxStalledCount: r.int('WORKER_MAX_STALLED_COUNT', 2, 0, 100),
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}
