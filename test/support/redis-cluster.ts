import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { redisServerArgs } from './redis-server.js';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

/**
 * A private three-primary Redis Cluster on free ports (no replicas), for tests of cluster mode. Built
 * with `redis-cli --cluster create`, which ships with redis-server.
 */
export class RedisCluster {
  private constructor(
    private readonly nodes: ChildProcess[],
    readonly ports: number[],
    private readonly dir: string,
  ) {}

  static async start(size = 3): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'opctl-cluster-'));
    const ports: number[] = [];
    for (let i = 0; i < size; i++) ports.push(await freePort());
    const nodes = ports.map((port) =>
      spawn(
        'redis-server',
        redisServerArgs(port, dir, [
          '--appendonly',
          'no',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
        ]),
        { stdio: 'ignore' },
      ),
    );
    const cluster = new RedisCluster(nodes, ports, dir);
    try {
      for (const port of ports) {
        await waitFor(`cluster node ${port}`, async () => (await cli(port, 'PING')).includes('PONG'), {
          timeoutMs: 10_000,
        });
      }
      await run('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      for (const port of ports) {
        await waitFor(
          `cluster state ok on ${port}`,
          async () => (await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'),
          {
            timeoutMs: 15_000,
          },
        );
      }
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** A seed node's URL; the cluster client finds the others. */
  get url(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  /** How many keys each node holds, to check where the queue lives. */
  async keyCounts(): Promise<number[]> {
    return Promise.all(this.ports.map(async (port) => Number((await cli(port, 'DBSIZE')).trim())));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            if (node.exitCode !== null) return resolve();
            node.once('exit', () => resolve());
            node.kill('SIGKILL');
          }),
      ),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), ...args]);
  return stdout;
}
