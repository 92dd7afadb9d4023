import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis.js';

/**
 * A Lua script run by its SHA (EVALSHA), loaded with EVAL on first use or after a Redis restart.
 * Scripts replace MULTI here: on a connection BullMQ shares, every `multi()` copies BullMQ's dozens of
 * registered commands into a new pipeline object, which showed up as the intake's largest CPU cost.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }

  /**
   * Always sends the source (EVAL): the command is on the wire when this returns, in order with what
   * the caller sends next on the same connection, with no NOSCRIPT round trip in between.
   */
  runInOrder(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    return redis.eval(this.source, keys.length, ...keys, ...args);
  }
}
