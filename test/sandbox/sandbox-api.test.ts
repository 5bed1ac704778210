import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { closeSandboxes, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

describe('startSandbox()', () => {
  it('listens on 127.0.0.1 on a free port with fixed default app settings', async () => {
    const sandbox = await sandboxWith();
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.client.clientId).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(sandbox.client.clientSecret.length).toBeGreaterThan(20);
    expect(sandbox.client.redirectUri).toBe('http://127.0.0.1/callback');
    const other = await sandboxWith();
    expect(other.port).not.toBe(sandbox.port);
    expect(other.client).toEqual(sandbox.client);
  });

  it('builds the dataset from seed, beneficiaries and eobsPerBeneficiary', async () => {
    const sandbox = await sandboxWith({ seed: 7, beneficiaries: 2, eobsPerBeneficiary: [5, 9] });
    expect(sandbox.dataset.seed).toBe(7);
    expect(sandbox.dataset.beneficiaries.map((b) => b.eobCount)).toEqual([5, 9]);
  });

  it('gives SDK settings through config()', async () => {
    const sandbox = await sandboxWith({
      clientId: 'myApp',
      clientSecret: 'mySecret',
      redirectUri: 'http://localhost:3000/cb',
    });
    expect(sandbox.config()).toEqual({
      clientId: 'myApp',
      clientSecret: 'mySecret',
      callbackUrl: 'http://localhost:3000/cb',
      baseUrl: sandbox.url,
      environment: 'LOCAL',
      version: 2,
    });
    expect(sandbox.config({ version: 3 }).version).toBe(3);
    expect((await obtainTokens(sandbox)).token_type).toBe('Bearer');
  });

  it('records every request with its route key, query, lower-case headers and body', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    await fetch(`${sandbox.url}/v2/fhir/ExplanationOfBenefit?_count=5`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'X-BLUEBUTTON-SDK': 'ts' },
    });
    await fetch(`${sandbox.url}/nowhere`);
    const [eob, nowhere] = sandbox.requests.slice(-2);
    expect(eob).toMatchObject({
      method: 'GET',
      path: '/v2/fhir/ExplanationOfBenefit',
      routeKey: 'GET /v2/fhir/ExplanationOfBenefit/',
      query: '_count=5',
      body: '',
    });
    expect(eob?.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
    expect(eob?.headers['x-bluebutton-sdk']).toBe('ts');
    expect(nowhere?.routeKey).toBeUndefined();
    const token = sandbox.requests.find((r) => r.routeKey === 'POST /v2/o/token/');
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('authorization_code');
  });

  it('takes a fixed port and a host', async () => {
    const probe = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 1 });
    const port = probe.port;
    await probe.close();
    const sandbox = await sandboxWith({ port, host: '127.0.0.1' });
    expect(sandbox.port).toBe(port);
    await expect(startSandbox({ port, beneficiaries: 1 })).rejects.toThrow(/EADDRINUSE/);
  });

  it('closes idempotently and stops answering', async () => {
    const sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 1 });
    await Promise.all([sandbox.close(), sandbox.close()]);
    await expect(fetch(`${sandbox.url}/v2/fhir/metadata`)).rejects.toThrow();
  });
});
