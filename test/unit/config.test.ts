import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const TOKEN = 'a-token-of-at-least-16';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({ API_TOKENS: TOKEN }, 'api');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.queuePrefix).toBe('bull');
    expect(c.api.port).toBe(8080);
    expect(c.operationRetentionDays).toBe(30);
    expect(c.api.board).toBeNull();
    expect(c.worker.concurrency).toBe(50);
    expect(c.worker.webhookTimeoutSeconds).toBe(7200);
    expect(c.worker.webhookPollIntervalSeconds).toBe(10);
    expect(c.worker.httpTimeoutSeconds).toBe(15);
    expect(c.worker.finalizeMaxBackoffSeconds).toBe(300);
    expect(c.worker.metricsPort).toBe(9091);
    expect(c.shutdownTimeoutSeconds).toBe(30);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad or missing variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', BOARD_USERNAME: 'ops' }, 'api');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('REDIS_URL must use redis: or rediss:');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect(message).toContain('API_TOKENS is required');
    expect(message).toContain('BOARD_USERNAME and BOARD_PASSWORD must be set together');
  });

  it('lets AUTH_DISABLED=true run without tokens', () => {
    expect(loadConfig({ AUTH_DISABLED: 'true' }, 'api').api.authDisabled).toBe(true);
  });

  it('accepts a Redis Cluster hash-tag prefix and refuses odd characters', () => {
    expect(loadConfig({ API_TOKENS: TOKEN, QUEUE_PREFIX: '{ops}' }, 'api').queuePrefix).toBe('{ops}');
    expect(() => loadConfig({ API_TOKENS: TOKEN, QUEUE_PREFIX: 'a b' }, 'api')).toThrow(/QUEUE_PREFIX/);
  });

  it('requires the Director URLs for a worker only', () => {
    expect(() => loadConfig({}, 'worker')).toThrow(
      /DIRECTOR_GRAPHQL_URL is required[\s\S]*DIRECTOR_OPERATION_URL is required/,
    );
    const c = loadConfig(
      {
        DIRECTOR_GRAPHQL_URL: 'http://d/graphql',
        DIRECTOR_OPERATION_URL: 'http://d/operation',
        WORKER_CONCURRENCY: '5',
      },
      'worker',
    );
    expect(c.worker.concurrency).toBe(5);
  });

  it('refuses short API tokens and half-set credential pairs', () => {
    expect(() => loadConfig({ API_TOKENS: 'short' }, 'api')).toThrow(/at least 16/);
    expect(() => loadConfig({ API_TOKENS: TOKEN, WEBHOOK_CLIENT_CERT_FILE: '/c' }, 'api')).toThrow(
      /WEBHOOK_CLIENT_CERT_FILE and WEBHOOK_CLIENT_KEY_FILE/,
    );
  });
});
