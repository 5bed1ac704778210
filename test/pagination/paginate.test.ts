/**
 * Pagination against the sandbox: nothing lost or repeated, order kept with concurrency, the latest token
 * on every page, failures thrown (never a silent end), clean stops, cancellation, and no token sent to a
 * link on another origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isBlueButtonError } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { afterEach, describe, expect, test } from 'vitest';
import { login, received, session } from '../helpers/sandbox-session.js';

const ROUTE = 'GET /v2/fhir/ExplanationOfBenefit/';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(eobs: number, extra: Parameters<typeof session>[2] = {}, version: 1 | 2 | 3 = 2) {
  const s = await session(version, { beneficiaries: 1, eobsPerBeneficiary: eobs }, extra);
  closers.push(() => s.sandbox.close());
  const bene = s.sandbox.dataset.beneficiaries[0];
  if (!bene) throw new Error('no beneficiary');
  const ids = Array.from({ length: eobs }, (_, i) => {
    const h = s.sandbox.dataset.claimHeader(bene, i);
    return version === 3 ? h.idV3 : h.id;
  });
  return { ...s, ids, client: s.bb.client(s.token) };
}

describe('walking every page', () => {
  test('all() yields every EOB exactly once, in server order, following next links', async () => {
    const { client, ids, sandbox } = await setup(237);
    const seen: string[] = [];
    for await (const eob of client.v2.ExplanationOfBenefit.all({ _count: 50 })) seen.push(eob.id ?? '');
    expect(seen).toEqual(ids);
    const pages = received(sandbox, ROUTE);
    expect(pages).toHaveLength(5);
    expect(pages.map((r) => new URLSearchParams(r.query).get('startIndex'))).toEqual([
      null,
      '50',
      '100',
      '150',
      '200',
    ]);
  });

  test('concurrency: 4 yields the same EOBs in the same order, with at most 4 requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const { client, ids } = await setup(1_000, { fetch: countingFetch });
    const seen: string[] = [];
    for await (const eob of client.v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }))
      seen.push(eob.id ?? '');
    expect(seen).toEqual(ids);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
  });

  test('the walk holds at most concurrency + 1 pages: requests run ahead of the consumer by at most that', async () => {
    const { client, sandbox } = await setup(1_000);
    let consumed = 0;
    let maxAhead = 0;
    for await (const _page of client.v2.ExplanationOfBenefit.pages({ _count: 50 }, { concurrency: 3 })) {
      consumed++;
      await new Promise((r) => setTimeout(r, 2)); // a slow consumer
      maxAhead = Math.max(maxAhead, received(sandbox, ROUTE).length - consumed);
    }
    expect(consumed).toBe(20);
    expect(maxAhead).toBeLessThanOrEqual(3);
  });

  test('v3 offset paging walks sequentially and completes (no total while more pages exist)', async () => {
    const { client, ids, sandbox } = await setup(120, {}, 3);
    const seen: string[] = [];
    for await (const eob of client.v3.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }))
      seen.push(eob.id ?? '');
    expect(seen).toEqual(ids);
    const offsets = received(sandbox, 'GET /v3/fhir/ExplanationOfBenefit/').map((r) =>
      new URLSearchParams(r.query).get('_offset'),
    );
    expect(offsets).toEqual([null, '50', '100']);
  });

  test("v3 links naming BB2's internal BFD host are re-issued on the configured host", async () => {
    const s = await session(3, {
      beneficiaries: 1,
      eobsPerBeneficiary: 30,
      v3LinkBaseUrl: 'http://sandbox.fhirv3.bfd.cmscloud.local',
    });
    closers.push(() => s.sandbox.close());
    const page = await s.bb.client(s.token).v3.ExplanationOfBenefit.search({ _count: 10 });
    expect(page.link?.find((l) => l.relation === 'next')?.url).toMatch(
      /^http:\/\/sandbox\.fhirv3\.bfd\.cmscloud\.local\//,
    );
    expect(await s.bb.client(s.token).v3.ExplanationOfBenefit.searchAll({ _count: 10 })).toHaveLength(30);
  });

  test('searchAll with filters, and client.v2.pages(bundle) continues after a page you have', async () => {
    const { client } = await setup(300);
    const pdes = await client.v2.ExplanationOfBenefit.searchAll({ type: ['pde'], _count: 20 });
    expect(pdes.length).toBeGreaterThan(20);
    expect(pdes.every((e) => e.id?.startsWith('pde--'))).toBe(true);
    const first = await client.v2.ExplanationOfBenefit.search({ _count: 50 });
    const rest: number[] = [];
    for await (const page of client.v2.pages(first)) rest.push(page.entry?.length ?? 0);
    expect(rest).toEqual([50, 50, 50, 50, 50]);
  });
});

describe('stopping', () => {
  test('maxPages and maxItems stop cleanly', async () => {
    const { client, sandbox } = await setup(500);
    let pages = 0;
    for await (const _ of client.v2.ExplanationOfBenefit.pages(
      { _count: 50 },
      { maxPages: 3, concurrency: 4 },
    ))
      pages++;
    expect(pages).toBe(3);
    expect(await client.v2.ExplanationOfBenefit.searchAll({ _count: 50 }, { maxItems: 77 })).toHaveLength(77);
    expect(received(sandbox, ROUTE).length).toBeLessThanOrEqual(3 + 2 + 1);
  });

  test('a failing page throws after the retries, never ends the walk as if it were the last', async () => {
    const { client, sandbox } = await setup(200);
    sandbox.faults.set(ROUTE, ['pass', 'pass', 500, 500, 500, 500]);
    const seen: string[] = [];
    const e = await (async () => {
      for await (const eob of client.v2.ExplanationOfBenefit.all({ _count: 50 })) seen.push(eob.id ?? '');
    })().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'HTTP_ERROR', status: 500 });
    expect(seen).toHaveLength(100);
  });

  test('an AbortSignal stops the walk and the requests in flight', async () => {
    const { client, sandbox } = await setup(1_000);
    sandbox.faults.set(ROUTE, [
      'pass',
      { delayMs: 5_000 },
      { delayMs: 5_000 },
      { delayMs: 5_000 },
      { delayMs: 5_000 },
    ]);
    const ac = new AbortController();
    const reason = new Error('user navigated away');
    let pages = 0;
    const done = (async () => {
      for await (const _ of client.v2.ExplanationOfBenefit.pages(
        { _count: 50 },
        { signal: ac.signal, concurrency: 4 },
      )) {
        pages++;
        setTimeout(() => ac.abort(reason), 20);
      }
    })();
    await expect(done).rejects.toMatchObject({ code: 'ABORTED', cause: reason });
    expect(pages).toBe(1);
  });
});

describe('tokens while paging', () => {
  test('a refresh mid-walk is used by later pages and visible on client.token', async () => {
    const { client, sandbox, token } = await setup(250);
    sandbox.faults.set(ROUTE, ['pass', 'pass', 'expire-token']);
    let count = 0;
    for await (const _ of client.v2.ExplanationOfBenefit.all({ _count: 50 })) count++;
    expect(count).toBe(250);
    expect(client.token.accessToken).not.toBe(token.accessToken);
    const auth = received(sandbox, ROUTE).map((r) => r.headers.authorization);
    expect(auth.slice(0, 3)).toEqual(Array(3).fill(`Bearer ${token.accessToken}`));
    expect(auth.slice(3)).toEqual(Array(auth.length - 3).fill(`Bearer ${client.token.accessToken}`));
  });

  test('100 concurrent searches with an expiring token share one refresh', async () => {
    let clock = Date.now();
    const s = await session(
      2,
      { beneficiaries: 1, eobsPerBeneficiary: 20, now: () => clock },
      { now: () => clock },
    );
    closers.push(() => s.sandbox.close());
    const client = s.bb.client(s.token);
    clock += 3_590_000; // inside the 60 s refresh window
    await Promise.all(
      Array.from({ length: 100 }, () => client.v2.ExplanationOfBenefit.search({ _count: 2 })),
    );
    expect(received(s.sandbox, 'POST /v2/o/token/')).toHaveLength(2); // the code exchange, then one refresh
  });
});

describe('a hostile next link', () => {
  test('a next link to another origin is refused and receives no request with a bearer token', async () => {
    const hits: (string | undefined)[] = [];
    const evil: Server = createServer((req, res) => {
      hits.push(req.headers.authorization);
      res
        .writeHead(200, { 'content-type': 'application/fhir+json' })
        .end('{"resourceType":"Bundle","type":"searchset"}');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => evil.close(() => r())));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;

    const sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 5 });
    closers.push(() => sandbox.close());
    const { bb, token } = await login(sandbox, 2);
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 20,
      link: [{ relation: 'next', url: `${evilUrl}/v2/fhir/ExplanationOfBenefit?startIndex=10&_count=10` }],
      entry: [],
    };
    sandbox.faults.set(ROUTE, [
      { status: 200, body: bundle, headers: { 'content-type': 'application/fhir+json' } },
    ]);
    const e = await bb
      .client(token)
      .v2.ExplanationOfBenefit.searchAll()
      .catch((x: unknown) => x);
    expect(isBlueButtonError(e) && e.code).toBe('CROSS_ORIGIN_LINK');
    expect(e).toMatchObject({ linkOrigin: evilUrl, expectedOrigin: sandbox.url });
    expect(hits).toEqual([]);
  });
});
