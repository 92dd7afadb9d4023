import 'vitest';
import type { TestProject } from 'vitest/node';
import { RedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** One private redis-server for the whole run; tests isolate themselves with a unique queue prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await RedisServer.start();
  project.provide('redisUrl', server.url);
  return () => server.destroy();
}
