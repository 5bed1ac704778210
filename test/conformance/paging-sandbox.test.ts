/**
 * The six sandbox pages of one v2 EOB search (the official SDKs' fixtures, total 52) walked end to end over
 * their real links: every entry exactly once, page k served for `startIndex` k*10 as the links ask, the same
 * result with `concurrency: 3`, and the same pages through the official SDK's methods.
 */
import { describe, expect, test } from 'vitest';
import { collect, pagesAfter, pairsWithout, startIndexOf } from './helpers/paging.js';
import { type SeenRequest, useSampleServer } from './helpers/sample-server.js';
import {
  entryResources,
  isRecord,
  linkUrl,
  present,
  queryPairs,
  readSample,
  SANDBOX_ORIGIN,
  samplesFor,
  sampleText,
  stringField,
  suiteName,
} from './helpers/samples.js';
import { expectAuthorizedGet, makeBlueButton, tokenFor } from './helpers/sdk.js';

describe.skipIf(!present)(suiteName('the six sandbox EOB pages'), () => {
  const server = useSampleServer();

  describe('the six sandbox pages (v2 EOB, total 52)', () => {
    const names = samplesFor('sandbox-walk');
    const pages = () => names.map((n) => readSample(n));
    const PATH = '/v2/fhir/ExplanationOfBenefit/';

    /** Page k for `startIndex` k*10, as the pages' own `self` and `next` links say. */
    function serveSandbox() {
      server.serve(SANDBOX_ORIGIN, (req) => {
        // The links name the path without the slash the SDK's own search uses; BB2 routes both.
        if (req.method !== 'GET' || (req.path !== PATH && req.path !== PATH.slice(0, -1))) return undefined;
        const start = Number(req.query.get('startIndex') ?? '0');
        const name = names[start / 10];
        return Number.isInteger(start / 10) && name ? { body: sampleText(name) } : undefined;
      });
    }

    function expectWalkRequests(seen: readonly SeenRequest[]) {
      expect(seen.map(startIndexOf)).toEqual([null, '10', '20', '30', '40', '50']);
      const all = pages();
      seen.forEach((req, k) => {
        expectAuthorizedGet(req);
        expect(req.url.origin).toBe(SANDBOX_ORIGIN);
        expect(req.path).toBe(PATH);
        // Each request is the previous page's next link, parameter for parameter.
        if (k > 0) expect(queryPairs(req.query)).toEqual(queryPairs(linkUrl(all[k - 1], 'next') ?? ''));
      });
    }

    test('the pages link to each other as startIndex k*10 and hold 52 distinct EOBs', () => {
      const all = pages();
      expect(names).toHaveLength(6);
      all.forEach((page, k) => {
        expect(stringField(page, 'resourceType')).toBe('Bundle');
        expect(isRecord(page) && page.total).toBe(52);
        expect(new URL(linkUrl(page, 'self') ?? '').searchParams.get('startIndex')).toBe(String(k * 10));
        const next = linkUrl(page, 'next');
        if (k < 5) expect(new URL(next ?? '').searchParams.get('startIndex')).toBe(String((k + 1) * 10));
        else expect(next).toBeUndefined();
      });
      const ids = all.flatMap(entryResources).map((r) => stringField(r, 'id'));
      expect(ids).toHaveLength(52);
      expect(new Set(ids).size).toBe(52);
    });

    test('pages() yields the six pages unchanged, following each next link once', async () => {
      serveSandbox();
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 }).client(tokenFor(2));
      const got = await collect<unknown>(client.v2.ExplanationOfBenefit.pages());
      expect(got).toStrictEqual(pages());
      expectWalkRequests(server.seen);
    });

    test('all() and searchAll() yield every entry exactly once, in page order: 52', async () => {
      serveSandbox();
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 }).client(tokenFor(2));
      const expected = pages().flatMap(entryResources);
      const viaAll = await collect<unknown>(client.v2.ExplanationOfBenefit.all());
      expect(viaAll).toHaveLength(52);
      expect(viaAll).toStrictEqual(expected);
      expectWalkRequests(server.seen);

      server.reset();
      const viaSearchAll = await client.v2.ExplanationOfBenefit.searchAll();
      expect(viaSearchAll).toStrictEqual(expected);
      expect(new Set(viaSearchAll.map((e) => e.id)).size).toBe(52);
      expectWalkRequests(server.seen);
    });

    test('concurrency: 3 gives the same entries in the same order, each page fetched once', async () => {
      serveSandbox();
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 }).client(tokenFor(2));
      const expected = pages().flatMap(entryResources);

      const viaAll = await collect<unknown>(client.v2.ExplanationOfBenefit.all({}, { concurrency: 3 }));
      expect(viaAll).toStrictEqual(expected);
      const starts = server.seen.map(startIndexOf);
      expect(starts[0]).toBeNull();
      expect(starts.slice(1).sort()).toEqual(['10', '20', '30', '40', '50']);
      const page1Next = linkUrl(pages()[0], 'next') ?? '';
      for (const req of server.seen.slice(1)) {
        expectAuthorizedGet(req);
        expect(req.path).toBe(PATH);
        expect(pairsWithout(req.query, 'startIndex')).toEqual(
          pairsWithout(new URL(page1Next).search, 'startIndex'),
        );
      }

      server.reset();
      expect(await client.v2.ExplanationOfBenefit.searchAll({}, { concurrency: 3 })).toStrictEqual(expected);
      expect(server.seen).toHaveLength(6);
      server.reset();
      expect(
        await collect<unknown>(client.v2.ExplanationOfBenefit.pages({}, { concurrency: 3 })),
      ).toStrictEqual(pages());
      expect(server.seen).toHaveLength(6);
    });

    test('the official getExplanationOfBenefitData() + getPages() return the six pages', async () => {
      serveSandbox();
      const bb = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 });
      const first = await bb.getExplanationOfBenefitData(tokenFor(2));
      expect(first.response.data).toStrictEqual(pages()[0]);
      const walked = await bb.getPages(first.response.data, first.token);
      expect(walked.pages).toStrictEqual(pages());
      expect(walked.pages.flatMap(entryResources)).toHaveLength(52);
      expectWalkRequests(server.seen);
      expect(pages().map((p) => bb.extractNextPageUrl(p))).toEqual(
        pages().map((p) => linkUrl(p, 'next') ?? null),
      );
    });

    test('the Node SDK idiom getCustomData(extractNextPageUrl(page)) walks the six pages', async () => {
      serveSandbox();
      const bb = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 });
      const first = await bb.getExplanationOfBenefitData(tokenFor(2));
      let token = first.token;
      const walked: unknown[] = [first.response.data];
      for (let url = bb.extractNextPageUrl(first.response.data); url !== null; ) {
        const got = await bb.getCustomData(url, token);
        token = got.token;
        expect(server.seen.at(-1)?.url.href).toBe(url);
        walked.push(got.response.data);
        url = bb.extractNextPageUrl(got.response.data);
      }
      expect(walked).toStrictEqual(pages());
      expect(server.seen.map(startIndexOf)).toEqual([null, '10', '20', '30', '40', '50']);
    });

    test('client.v2.pages(page1) continues from a page one already has', async () => {
      serveSandbox();
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2 }).client(tokenFor(2));
      const [page1, ...rest] = pages();
      expect(await pagesAfter(client, 2, page1)).toStrictEqual(rest);
      expect(server.seen.map(startIndexOf)).toEqual(['10', '20', '30', '40', '50']);
    });
  });
});
