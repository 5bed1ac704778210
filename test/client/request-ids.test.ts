/**
 * Refusals before sending: ids that are path segments or carry URL syntax, and parameter names that
 * would find Object.prototype's members instead of the spec's. Nothing reaches the server.
 */
import { isBlueButtonError } from 'bluebutton-ts';
import { afterEach, describe, expect, test } from 'vitest';
import { bbAt, closeLoopbacks, json, loopback, tokenFor } from './helpers.js';

afterEach(closeLoopbacks);

async function codeOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => 'resolved',
    (e: unknown) => (isBlueButtonError(e) ? e.code : e),
  );
}

describe('read ids', () => {
  test.each(['..', '.', '...', 'a/b', 'a?b', 'a#b', 'a%2Fb', '%2e%2e', '$everything', '', 'x'.repeat(65)])(
    'read(%j) is INVALID_PARAMS and sends nothing',
    async (id) => {
      const server = await loopback((_req, res) => json(res, 200, { resourceType: 'Patient', id: 'x' }));
      const client = bbAt(server.url).client(tokenFor());
      expect(await codeOf(client.v2.Patient.read(id))).toBe('INVALID_PARAMS');
      expect(await codeOf(client.v2.ExplanationOfBenefit.read(id))).toBe('INVALID_PARAMS');
      expect(server.received).toHaveLength(0);
    },
  );

  test('ids with dots inside are still accepted', async () => {
    const server = await loopback((_req, res) => json(res, 200, { resourceType: 'Patient', id: 'a.b' }));
    await bbAt(server.url).client(tokenFor()).v2.Patient.read('a.b');
    expect(server.received.map((r) => r.url)).toEqual(['/v2/fhir/Patient/a.b']);
  });
});

describe('parameter names from Object.prototype', () => {
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'search({ %s: [...] }) is INVALID_PARAMS naming it, and sends nothing',
    async (name) => {
      const server = await loopback((_req, res) =>
        json(res, 200, { resourceType: 'Bundle', type: 'searchset' }),
      );
      const client = bbAt(server.url).client(tokenFor());
      // JSON.parse makes `__proto__` an own property, as a request body parsed by a server would.
      const params = JSON.parse(`{${JSON.stringify(name)}: ["carrier"]}`) as Record<string, never>;
      const e = await client.v2.ExplanationOfBenefit.search(params).catch((err: unknown) => err);
      expect(isBlueButtonError(e) && e.code).toBe('INVALID_PARAMS');
      expect((e as { problems: string[] }).problems.join()).toContain(`unknown parameter "${name}"`);
      expect(server.received).toHaveLength(0);
    },
  );
});
