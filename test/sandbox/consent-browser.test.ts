/**
 * The consent page in a real browser (Debian's Chromium driven by playwright-core): a developer's app
 * sends the beneficiary there, they pick a synthetic beneficiary, withhold demographics and allow; the
 * code arrives at the app's callback. A machine without Chromium fails this test: it never skips.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSandboxes, pkce, postForm, STATE, sandboxWith, type TokenBody } from './helpers.js';

let browser: Browser;
let app: Server;
const callbacks: URL[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // The background-networking flags keep Chromium from dialling Google's hosts, which this closed network refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // The app's callback: records what arrives and shows a page.
  app = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Chromium also asks for /favicon.ico.
    if (url.searchParams.has('state')) callbacks.push(url);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Connected</h1>');
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await browser?.close();
  // When Chromium failed to start, the app server was never made: the launch error is the one to show.
  if (app) await new Promise<void>((resolve) => app.close(() => resolve()));
  await closeSandboxes();
});

it('signs in as a synthetic beneficiary, withholds demographics, allows, and the code reaches the callback', async () => {
  const callback = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/bluebutton/callback/`;
  const registered = {
    clientId: 'browserApp',
    clientSecret: 'browser-secret',
    redirectUris: [callback],
    name: 'Pill Reminder',
  };
  const sandbox = await sandboxWith({ apps: [registered] });
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams({
    client_id: registered.clientId,
    redirect_uri: callback,
    response_type: 'code',
    state: STATE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const page = await browser.newPage();
  // Without the slash: the browser follows BB2's 301 as a real one would.
  await page.goto(`${sandbox.url}/v2/o/authorize?${query}`);
  expect(await page.locator('#app-name').textContent()).toBe('Pill Reminder');
  expect(await page.locator('ul.scopes li').count()).toBe(4);
  const beneficiary = sandbox.dataset.beneficiaries[1];
  await page.selectOption('select[name="beneficiary"]', beneficiary?.username ?? '');
  await page.check('input[name="share_demographics"][value="false"]');
  const dir = process.env.CONSENT_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'sbx-consent-'));
  const screenshot = join(dir, 'consent.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  await Promise.all([page.waitForURL(/\/api\/bluebutton\/callback\//), page.click('button.allow')]);
  expect(await page.locator('h1').textContent()).toBe('Connected');
  const arrived = callbacks.at(-1);
  expect(arrived?.searchParams.get('state')).toBe(STATE);
  const code = arrived?.searchParams.get('code') ?? '';
  expect(code).toMatch(/^[A-Za-z0-9]{30}$/);
  const token = await postForm(`${sandbox.url}/v2/o/token/`, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: callback,
    code_verifier: verifier,
    client_id: registered.clientId,
    client_secret: registered.clientSecret,
  });
  const body = (await token.json()) as TokenBody;
  expect(body.patient).toBe(beneficiary?.patientId.v2);
  // Demographics withheld on the page: the grant lacks profile and Patient.
  expect(body.scope.split(' ').sort()).toEqual(['patient/Coverage.rs', 'patient/ExplanationOfBenefit.rs']);
  await page.close();
});

it('Deny access sends access_denied to the callback', async () => {
  const callback = `http://127.0.0.1:${(app.address() as AddressInfo).port}/cb`;
  const sandbox = await sandboxWith({
    apps: [{ clientId: 'denyApp', clientSecret: 's', redirectUris: [callback] }],
  });
  const query = new URLSearchParams({
    client_id: 'denyApp',
    redirect_uri: callback,
    response_type: 'code',
    state: STATE,
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
  });
  const page = await browser.newPage();
  await page.goto(`${sandbox.url}/v2/o/authorize/?${query}`);
  await Promise.all([page.waitForURL(/\/cb\?/), page.click('button.deny')]);
  expect(Object.fromEntries(callbacks.at(-1)?.searchParams ?? [])).toEqual({
    error: 'access_denied',
    state: STATE,
  });
  await page.close();
});
