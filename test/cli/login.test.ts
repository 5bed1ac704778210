import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Workspace, workspace } from './helpers.js';

describe('bluebutton login and whoami', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspace();
  });
  afterAll(() => ws.close());

  it('logs in end to end and saves the token with mode 0600 under XDG_CONFIG_HOME', async () => {
    const result = await login(ws, [
      '--scope',
      'patient/ExplanationOfBenefit.read,patient/Patient.read',
      '--scope',
      'profile',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(ws.dir, 'xdg', 'bluebutton', 'token.json');
    expect(result.stdout).toContain(`Token saved to ${file} (mode 0600)`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(ws.dir, 'xdg', 'bluebutton'))).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const patient = ws.sandbox.dataset.beneficiaries[0]?.patientId.v2;
    expect(saved.patient).toBe(patient);
    expect(saved.version).toBe(2);
    expect(String(saved.scope).split(' ').sort()).toEqual(
      ['patient/ExplanationOfBenefit.read', 'patient/Patient.read', 'profile'].sort(),
    );
    // The authorize request asked for those scopes; the token exchange sent the code and verifier once.
    const authorize = ws.sandbox.requests.find(
      (r) => r.path.endsWith('/o/authorize/') || r.path.endsWith('/o/authorize'),
    );
    expect(new URLSearchParams(authorize?.query).get('scope')).toBe(
      'patient/ExplanationOfBenefit.read patient/Patient.read profile',
    );
    const exchanges = ws.sandbox.requests.filter((r) => r.path === '/v2/o/token/');
    expect(exchanges).toHaveLength(1);
    // Nothing secret reached the terminal.
    const code = new URLSearchParams(exchanges[0]?.body).get('code') ?? 'no code';
    const verifier = new URLSearchParams(exchanges[0]?.body).get('code_verifier') ?? 'no verifier';
    for (const secret of [
      saved.access_token,
      saved.refresh_token,
      code,
      verifier,
      ws.sandbox.client.clientSecret,
    ]) {
      expect(result.stdout + result.stderr).not.toContain(String(secret));
    }
    expect(result.stdout).not.toContain(String(patient));
  });

  it('whoami prints patient, version, scopes and expiry, never a token', async () => {
    const result = await ws.run(['whoami']);
    expect(result.code).toBe(0);
    const token = JSON.parse(
      await readFile(join(ws.dir, 'xdg', 'bluebutton', 'token.json'), 'utf8'),
    ) as Record<string, string>;
    expect(result.stdout).toMatch(new RegExp(`patient +${token.patient}\\n`));
    expect(result.stdout).toMatch(/API version +v2\n/);
    expect(result.stdout).toMatch(/scopes +.*patient\/ExplanationOfBenefit\.read/);
    expect(result.stdout).toMatch(/token expires +\d{4}-\d\d-\d\dT/);
    expect(result.stdout).toMatch(/grant expires +\d{4}-\d\d-\d\dT/);
    expect(result.stdout).not.toContain(token.access_token);
    expect(result.stdout).not.toContain(token.refresh_token);
    const json = await ws.run(['whoami', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      patient: token.patient,
      version: 2,
      tokenExpired: false,
    });
  });

  it('logs in on v3 with --version 3 to a chosen --token-file, as another beneficiary', async () => {
    const file = join(ws.dir, 'v3-token.json');
    const result = await login(ws, ['--version', '3', '--token-file', file], 1);
    expect(result.code).toBe(0);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(saved.version).toBe(3);
    expect(saved.patient).toBe(ws.sandbox.dataset.beneficiaries[1]?.patientId.v3);
  });

  it('reports a denied consent in one line with exit 1', async () => {
    const running = ws.start([
      'login',
      '--config',
      ws.configFile,
      '--token-file',
      join(ws.dir, 'denied.json'),
    ]);
    const [url] = await running.waitFor(/http:\/\/127\.0\.0\.1:\d+\/v\d\/o\/authorize\/?\?\S+/);
    await running.waitFor(/Waiting for the callback/);
    await (await fetch(await ws.sandbox.authorize(url, { deny: true }))).text();
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^bluebutton: .*denied.*\(CALLBACK_ACCESS_DENIED\)\n$/);
  });

  it('gives up after --timeout when no browser answers', async () => {
    const result = await ws.run([
      'login',
      '--config',
      ws.configFile,
      '--timeout',
      '1',
      '--token-file',
      join(ws.dir, 'never.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bluebutton: no answer from the browser within 1 s; run login again\n');
  });
});
