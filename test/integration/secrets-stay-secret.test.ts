import { afterEach, describe, expect, inject, it } from 'vitest';
import { OPERATIONS_QUEUE } from '../../src/queues/operations-queue.js';
import { asyncWebhook, withBasicAuth, withOAuth } from '../fakes/webhook-presets.js';
import { auth, type LogSink, TEST_TOKEN } from '../support/api-harness.js';
import { waitFor } from '../support/wait-for.js';
import { DIRECTOR_TOKEN, startWorkerHarness, type WorkerHarness } from '../support/worker-harness.js';

const BASIC_PASSWORD = 'basic-password-never-logged';
const OAUTH_SECRET = 'oauth-client-secret-never-logged';
const BOARD = { BOARD_USERNAME: 'ops', BOARD_PASSWORD: 'board-password-never-logged' };
const operator = {
  authorization: `Basic ${Buffer.from('ops:board-password-never-logged').toString('base64')}`,
};

let h: WorkerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function sink(): LogSink & { text(): string } {
  let text = '';
  return {
    write(line: string) {
      text += line;
    },
    text: () => text,
  };
}

describe('secrets used in a full operation', () => {
  it('appear nowhere in the logs, the job data or the board API', async () => {
    const apiLogs = sink();
    const workerLogs = sink();
    h = await startWorkerHarness(inject('redisUrl'), {
      system: { auth: { kind: 'oauth', clientId: 'client-1', clientSecret: OAUTH_SECRET } },
      apiEnv: { ...BOARD, LOG_LEVEL: 'debug' },
      apiLogSink: apiLogs,
    });
    h.startWorker({ LOG_LEVEL: 'debug' }, workerLogs);
    const script = [
      { status: 200, body: { status: 'IN_PROGRESS' } },
      { status: 200, body: { status: 'IN_PROGRESS' } },
      { status: 200, body: { status: 'SUCCEEDED' } },
    ];
    h.system.route('DELETE', '/secret/delete', [{ status: 200, body: {} }]);
    h.system.route('GET', '/secret/op', script);
    const base = asyncWebhook(h.system.url, {
      overrides: {
        urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}/secret/delete" }`,
        outputTemplate: `{ "location": "${h.system.url}/secret/op", "success_status_code": 200, "error": "" }`,
      },
    });
    const oauth = withOAuth(base, h.system.tokenUrl, 'client-1', OAUTH_SECRET);
    const { operationId, applicationId } = await h.submit({
      webhook: oauth,
      headers: { Client_user: 'alice', Authorization: `Bearer ${TEST_TOKEN}` },
    });

    // While the operation waits between polls: its job data and what the board serves.
    const seen: string[] = [];
    await waitFor('the job to wait between polls', async () => {
      const job = await h?.api.queue.getJob(applicationId);
      return job?.data.step === 'poll' ? job : undefined;
    });
    seen.push(JSON.stringify((await h.api.queue.getJob(applicationId))?.data));
    for (const url of [
      '/admin/queues/api/queues',
      `/admin/queues/api/queues/${OPERATIONS_QUEUE}/${applicationId}`,
    ]) {
      const res = await h.api.app.inject({ url, headers: operator });
      expect(res.statusCode).toBe(200);
      seen.push(res.body);
    }
    seen.push((await h.api.app.inject({ url: `/v1/operations/${operationId}`, headers: auth })).body);
    expect((await h.finished(operationId)).status).toBe('SUCCEEDED');

    // A second operation with Basic credentials, to cover that flow too.
    h.system.route('DELETE', '/secret/basic', [{ status: 200, body: {} }]);
    const basic = withBasicAuth(
      {
        ...base,
        id: 'basic',
        mode: 'SYNC',
        urlTemplate: `{ "method": "DELETE", "path": "${h.system.url}/secret/basic" }`,
      },
      'svc',
      BASIC_PASSWORD,
    );
    // The OAuth fake refuses Basic; this call fails, which is fine: the password still travelled.
    const second = await h.submit({ webhook: { ...basic, timeout: 2 } });
    await h.finished(second.operationId);
    seen.push((await h.api.app.inject({ url: `/v1/operations/${second.operationId}`, headers: auth })).body);

    const everything = [apiLogs.text(), workerLogs.text(), ...seen].join('\n');
    expect(workerLogs.text()).toContain('operation finished');
    expect(apiLogs.text()).toContain('operation accepted');
    for (const secret of [BASIC_PASSWORD, OAUTH_SECRET, TEST_TOKEN, DIRECTOR_TOKEN, BOARD.BOARD_PASSWORD]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(Buffer.from(`svc:${BASIC_PASSWORD}`).toString('base64'));
    // The request object's headers stay with the worker: never in job data, the board or the API.
    expect(seen.join('\n')).not.toContain('alice');
  });
});
