import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from './config.js';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Credentials arrive in request headers, in webhook auth
 * objects fetched from Director and in outbound request options, so each shape is listed.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'authorization',
  'password',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  '*.password',
  '*.clientSecret',
  '*.token',
  '*.accessToken',
  'auth.credential',
  '*.auth.credential',
];

export function createLogger(
  config: Pick<Config, 'logLevel' | 'logPretty'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    base: { pid: process.pid },
  };
  if (destination) return pino(options, destination);
  if (config.logPretty) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } },
    });
  }
  return pino(options);
}
