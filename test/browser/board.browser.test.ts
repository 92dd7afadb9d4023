import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiHarness, auth, operationBody, startApi, TEST_TOKEN } from '../support/api-harness.js';

/** Debian's Chromium; the test never downloads a browser. CI installs it and sets REQUIRE_BROWSER=1. */
const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
const required = process.env.REQUIRE_BROWSER === '1';
const skip = !haveBrowser && !required;
/** The reason is in the suite's name, so a skipped run says why in the report. */
const suite = skip
  ? `the board in a real browser (SKIPPED: ${CHROMIUM} not found; set REQUIRE_BROWSER=1 to fail instead)`
  : 'the board in a real browser';

const USER = 'operator';
const PASSWORD = 'board-browser-password';
/**
 * The board with jobs, as shown in the docs. Rewritten only on request (UPDATE_BOARD_SCREENSHOT=1), so an
 * ordinary test run leaves the committed image alone; otherwise it goes to the git-ignored test-output/.
 */
const SCREENSHOT = process.env.UPDATE_BOARD_SCREENSHOT === '1' ? 'docs/board.png' : 'test-output/board.png';

describe.skipIf(skip)(suite, () => {
  let h: ApiHarness;
  let browser: Browser;
  let base: string;
  const applicationIds: string[] = [];
  const operationIds: string[] = [];

  beforeAll(async () => {
    if (!haveBrowser) throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is not installed`);
    h = await startApi(inject('redisUrl'), { BOARD_USERNAME: USER, BOARD_PASSWORD: PASSWORD });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    for (const [type, category] of [
      ['Delete', 'unregisterApplication'],
      ['Update', 'unpairApplication'],
      ['Delete', 'unregisterApplication'],
    ]) {
      const body = operationBody({ operation_type: type, operation_category: category });
      const res = await fetch(`${base}/v1/operations`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(202);
      applicationIds.push(body.resource_id as string);
      operationIds.push(((await res.json()) as { operation_id: string }).operation_id);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A page that only talks to our server (the board links web fonts; tests stay offline). */
  async function openPage(credentials?: { username: string; password: string }): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      ...(credentials ? { httpCredentials: credentials } : {}),
    });
    await context.route(
      (url) => url.origin !== base,
      (route) => route.abort(),
    );
    return context.newPage();
  }

  /** Runs `body`, keeping a screenshot in test-output/ when it fails, for whoever reads the CI log. */
  async function withFailureScreenshot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      await mkdir('test-output', { recursive: true });
      await page.screenshot({ path: `test-output/${name}.png`, fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await page.context().close();
    }
  }

  it('refuses a wrong password and anonymous visitors with 401', async () => {
    const wrong = await openPage({ username: USER, password: 'not-the-password' });
    await withFailureScreenshot(wrong, 'board-wrong-password', async () => {
      const res = await wrong.goto(`${base}/admin/queues`);
      expect(res?.status()).toBe(401);
      expect(await wrong.content()).not.toContain('bull-board');
    });
    // Without credentials Chromium cancels the Basic challenge (no one can type into the dialog), so
    // the anonymous answer is read through the same context's request API.
    const anonymous = await openPage();
    await withFailureScreenshot(anonymous, 'board-anonymous', async () => {
      const res = await anonymous.request.get(`${base}/admin/queues`);
      expect(res.status()).toBe(401);
      expect(res.headers()['www-authenticate']).toMatch(/^Basic/);
    });
  });

  it('logs in, finds a job by its application ID, and shows its data with operation_url and no secrets', async () => {
    const page = await openPage({ username: USER, password: PASSWORD });
    await withFailureScreenshot(page, 'board-job', async () => {
      const res = await page.goto(`${base}/admin/queues`);
      expect(res?.status()).toBe(200);

      await page.getByRole('link', { name: 'operations', exact: true }).first().click();
      await page.waitForURL(/\/admin\/queues\/queue\/operations/);
      const applicationId = applicationIds[1] as string;
      const operationId = operationIds[1] as string;
      await expect.poll(() => page.getByText(applicationId).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await mkdir('test-output', { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      // The job ID is the application ID: open that job's own page.
      await page.getByText(applicationId, { exact: true }).first().click();
      await page.waitForURL(new RegExp(`/admin/queues/queue/operations/${applicationId}`));
      // biome-ignore lint/performance/useDomNodeTextContent: innerText is what an operator sees (as laid out).
      const shown = () => page.locator('#root').innerText();
      await expect
        .poll(shown, { timeout: 10_000 })
        .toContain(`operation_url:"/v1/operations/${operationId}"`);
      const text = await shown();
      expect(text).toContain(`applicationId:"${applicationId}"`);
      expect(text).toContain('step:"fetch"');
      // Request headers, tenant and tokens never reach the job or the board.
      for (const secret of ['alice', 'Client_user', 'tenant-1', TEST_TOKEN, PASSWORD, 'Bearer']) {
        expect(text, secret).not.toContain(secret);
      }
    });
  });
});
