import { readFile, stat } from 'node:fs/promises';
import { RetryableError } from '../errors.js';

export interface TokenProvider {
  /** The bearer token for Director, or null when none is configured. */
  get(): Promise<string | null>;
}

export interface TokenProviderOptions {
  readonly token: string | null;
  readonly tokenFile: string | null;
}

/**
 * Director's bearer token, either fixed or read from a file. Kubernetes rotates projected
 * service-account tokens in place, so the file is checked on every call and re-read when its identity
 * (inode, size, modification time in nanoseconds) changed; an unchanged file costs one `stat`.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const fixed = options.token?.trim() ?? null;
  const file = options.tokenFile;
  if (file === null) return { get: async () => (fixed === '' ? null : fixed) };

  let cached: { version: string; token: string } | null = null;
  return {
    async get() {
      try {
        const info = await stat(file, { bigint: true });
        const version = `${info.ino}:${info.size}:${info.mtimeNs}`;
        if (cached?.version !== version) {
          const token = (await readFile(file, 'utf8')).trim();
          if (token === '')
            throw new RetryableError('DIRECTOR_TOKEN_UNAVAILABLE', 'director token file is empty');
          cached = { version, token };
        }
        return cached.token;
      } catch (err) {
        if (err instanceof RetryableError) throw err;
        // Only the path and the errno code: never file contents.
        const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown';
        throw new RetryableError(
          'DIRECTOR_TOKEN_UNAVAILABLE',
          `cannot read director token file ${file} (${code})`,
        );
      }
    },
  };
}
