/**
 * Walks that would never end, or end short: a repeated or cyclic next link, an offset that does not
 * advance (PAGING_LOOP), a last page short of `total` (INVALID_RESPONSE), all thrown after the pages
 * already yielded, from every walking entry point. The concurrent planner plans lazily, bounded by
 * maxPages, maxItems and its window.
 */
import { isBlueButtonError } from 'bluebutton-ts';
import { afterEach, describe, expect, test } from 'vitest';
import { bbAt, closeLoopbacks, eobPage, json, loopback, tokenFor } from '../client/helpers.js';

afterEach(closeLoopbacks);

const SEARCH = '/v2/fhir/ExplanationOfBenefit/';

/** Serves `pageFor(query)`; every page is EOBs. */
async function pagedServer(pageFor: (q: URLSearchParams, base: string) => unknown) {
  const server = await loopback((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    json(res, 200, pageFor(u.searchParams, server.url));
  });
  return server;
}

/** A well-behaved BFD-like search of `total` EOBs (the next link only while more remain). */
function bfdPages(total: number, options: { lastPageCut?: number } = {}) {
  return (q: URLSearchParams, base: string) => {
    const count = Number(q.get('_count') ?? 10);
    const start = Number(q.get('startIndex') ?? 0);
    const end = Math.min(total, start + count);
    const ids = Array.from({ length: Math.max(0, end - start) }, (_, i) => `e${start + i}`);
    const more = end < total && !(options.lastPageCut !== undefined && end >= options.lastPageCut);
    return eobPage(ids, {
      total,
      ...(more ? { next: `${base}${SEARCH}?_count=${count}&startIndex=${end}` } : {}),
    });
  };
}

interface Outcome {
  readonly ids: string[];
  readonly error: unknown;
}

/** Every way to walk a search, each collecting what it yielded and how it ended. */
function walkers(baseUrl: string) {
  const bb = bbAt(baseUrl);
  const client = bb.client(tokenFor());
  const eobs = client.v2.ExplanationOfBenefit;
  const idsOf = (pages: readonly unknown[]) =>
    pages.flatMap((p) =>
      ((p as { entry?: { resource?: { id?: string } }[] }).entry ?? []).map((e) => e.resource?.id ?? ''),
    );
  const collect = async (run: (ids: string[]) => Promise<void>): Promise<Outcome> => {
    const ids: string[] = [];
    const error = await run(ids).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { ids, error };
  };
  return {
    'all()': () =>
      collect(async (ids) => {
        for await (const e of eobs.all({ _count: 2 })) ids.push(e.id ?? '');
      }),
    'pages()': () =>
      collect(async (ids) => {
        for await (const p of eobs.pages({ _count: 2 })) ids.push(...idsOf([p]));
      }),
    'searchAll()': () =>
      collect(async (ids) => {
        ids.push(...(await eobs.searchAll({ _count: 2 })).map((e) => e.id ?? ''));
      }),
    'client.v2.pages(bundle)': () =>
      collect(async (ids) => {
        const first = await eobs.search({ _count: 2 });
        ids.push(...idsOf([first]));
        for await (const p of client.v2.pages(first)) ids.push(...idsOf([p]));
      }),
    'getPages()': () =>
      collect(async (ids) => {
        const first = await bb.getExplanationOfBenefitData(tokenFor());
        const { pages } = await bb.getPages(first.response.data, tokenFor());
        ids.push(...idsOf(pages));
      }),
  };
}

const WALKERS = ['all()', 'pages()', 'searchAll()', 'client.v2.pages(bundle)', 'getPages()'] as const;

describe('PAGING_LOOP', () => {
  test.each(WALKERS)('%s: a next link equal to the first page throws after the first page', async (how) => {
    const server = await pagedServer((_q, base) =>
      eobPage(['a', 'b'], { next: `${base}${SEARCH}?_count=2` }),
    );
    const { ids, error } = await walkers(server.url)[how]();
    expect(isBlueButtonError(error) && error.code).toBe('PAGING_LOOP');
    expect(error).toMatchObject({ reason: 'repeated-link' });
    // Starting from a bundle (no URL known for it), the repeat is seen one page later.
    const fromBundle = how === 'client.v2.pages(bundle)' || how === 'getPages()';
    if (how !== 'searchAll()' && how !== 'getPages()')
      expect(ids).toEqual(fromBundle ? ['a', 'b', 'a', 'b'] : ['a', 'b']);
    expect(server.received.length).toBeLessThanOrEqual(fromBundle ? 3 : 2);
  });

  test.each(WALKERS)('%s: a cycle of pages (a -> b -> a) throws once it would repeat', async (how) => {
    const server = await pagedServer((q, base) =>
      q.get('cursor') === 'b'
        ? eobPage(['c', 'd'], { next: `${base}${SEARCH}?_count=2&cursor=a` })
        : eobPage(['a', 'b'], { next: `${base}${SEARCH}?_count=2&cursor=b` }),
    );
    const { ids, error } = await walkers(server.url)[how]();
    expect(isBlueButtonError(error) && error.code).toBe('PAGING_LOOP');
    if (how !== 'searchAll()' && how !== 'getPages()') expect(ids.slice(0, 4)).toEqual(['a', 'b', 'c', 'd']);
    // the first page, cursor=b, cursor=a: then the link back to b is refused unsent
    expect(server.received.length).toBeLessThanOrEqual(4);
  });

  test.each(WALKERS)(
    '%s: a startIndex that does not advance throws without fetching it again',
    async (how) => {
      const server = await pagedServer((_q, base) =>
        eobPage(['a', 'b'], {
          total: 100,
          next: `${base}${SEARCH}?_count=2&startIndex=2&x=${Math.random()}`,
        }),
      );
      const { error } = await walkers(server.url)[how]();
      expect(isBlueButtonError(error) && error.code).toBe('PAGING_LOOP');
      expect(error).toMatchObject({ reason: 'offset-not-advancing' });
      expect(server.received.length).toBeLessThanOrEqual(3);
    },
  );

  test('v3: an _offset that goes back throws PAGING_LOOP', async () => {
    const server = await loopback((req, res) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('_offset') ?? 0);
      json(res, 200, {
        ...eobPage([`e${offset}`]),
        link: [
          {
            relation: 'next',
            url: `${server.url}/v3/fhir/ExplanationOfBenefit/?_offset=${offset === 0 ? 1 : 0}`,
          },
        ],
      });
    });
    const e = await bbAt(server.url, {}, 3)
      .client(tokenFor(3))
      .v3.ExplanationOfBenefit.searchAll()
      .catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('PAGING_LOOP');
    expect(server.received.map((r) => new URL(r.url, 'http://x').searchParams.get('_offset'))).toEqual([
      null,
      '1',
    ]);
  });
});

describe('a walk that ends short of total', () => {
  test.each(WALKERS)(
    '%s: total 30, page 2 without next after 20 items: 20 yielded, then INVALID_RESPONSE',
    async (how) => {
      const server = await pagedServer((q, base) => {
        const start = Number(q.get('startIndex') ?? 0);
        const ids = Array.from({ length: 10 }, (_, i) => `e${start + i}`);
        return eobPage(ids, {
          total: 30,
          ...(start === 0 ? { next: `${base}${SEARCH}?_count=10&startIndex=10` } : {}),
        });
      });
      const { ids, error } = await walkers(server.url)[how]();
      expect(isBlueButtonError(error) && error.code).toBe('INVALID_RESPONSE');
      expect(error).toMatchObject({ name: 'IncompleteResultsError', total: 30, received: 20 });
      if (how !== 'searchAll()' && how !== 'getPages()') expect(ids).toHaveLength(20);
    },
  );

  test('a complete walk throws nothing, and neither does one stopped by maxItems', async () => {
    const server = await pagedServer(bfdPages(7, { lastPageCut: 4 }));
    const eobs = bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit;
    expect(await eobs.searchAll({ _count: 2 }, { maxItems: 3 })).toHaveLength(3);
    const full = await pagedServer(bfdPages(7));
    expect(
      await bbAt(full.url).client(tokenFor()).v2.ExplanationOfBenefit.searchAll({ _count: 2 }),
    ).toHaveLength(7);
  });
});

describe('the concurrent planner', () => {
  test('total 3e7 with _count=1 and maxPages 3 sends 3 requests (nothing planned up front)', async () => {
    const server = await pagedServer(bfdPages(30_000_000));
    const eobs = bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit;
    let pages = 0;
    for await (const _ of eobs.pages({ _count: 1 }, { concurrency: 4, maxPages: 3 })) pages++;
    expect(pages).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  test('total 3e7: breaking out after 5 pages sends at most 5 + concurrency requests', async () => {
    const server = await pagedServer(bfdPages(30_000_000));
    const eobs = bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit;
    let n = 0;
    for await (const _ of eobs.all({ _count: 1 }, { concurrency: 4 })) if (++n === 5) break;
    expect(server.received.length).toBeLessThanOrEqual(5 + 4);
  });

  test.each(['all', 'pages'] as const)(
    'maxItems 25 at concurrency 4 with _count=10: %s() sends 3 requests',
    async (how) => {
      const server = await pagedServer(bfdPages(1000));
      const eobs = bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit;
      let items = 0;
      if (how === 'all')
        for await (const _ of eobs.all({ _count: 10 }, { concurrency: 4, maxItems: 25 })) items++;
      else
        for await (const p of eobs.pages({ _count: 10 }, { concurrency: 4, maxItems: 25 }))
          items += p.entry?.length ?? 0;
      expect(items).toBe(how === 'all' ? 25 : 30);
      expect(server.received.map((r) => new URL(r.url, 'http://x').searchParams.get('startIndex'))).toEqual([
        null,
        '10',
        '20',
      ]);
    },
  );

  test('pages() with maxItems stops at the page that reaches it (sequential)', async () => {
    const server = await pagedServer(bfdPages(100));
    const eobs = bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit;
    let pages = 0;
    for await (const _ of eobs.pages({ _count: 10 }, { maxItems: 15 })) pages++;
    expect(pages).toBe(2);
    expect(server.received).toHaveLength(2);
  });
});

describe('entries of a page', () => {
  test('an entry of another resource type is INVALID_RESPONSE naming both types', async () => {
    const server = await pagedServer(() => ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { resourceType: 'ExplanationOfBenefit', id: 'a' } },
        { resource: { resourceType: 'Patient', id: 'p' } },
      ],
    }));
    const seen: string[] = [];
    const e = await (async () => {
      for await (const eob of bbAt(server.url).client(tokenFor()).v2.ExplanationOfBenefit.all())
        seen.push(eob.id ?? '');
    })().catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('INVALID_RESPONSE');
    expect((e as Error).message).toContain('a ExplanationOfBenefit search returned a Patient entry');
    expect(seen).toEqual(['a']);
  });
});

describe('pages(bundle, { seenBefore }): resuming a walk from a moved next link', () => {
  /** The first page with its next link moved to `position`, as a resumed export makes it. */
  async function resumeAt(
    base: string,
    position: number,
    concurrency = 1,
    seenBefore: unknown = position,
    selfAt?: number,
  ) {
    const client = bbAt(base).client(tokenFor());
    const first = await client.v2.ExplanationOfBenefit.search({ _count: 2 });
    const self =
      selfAt === undefined
        ? []
        : [{ relation: 'self', url: `${base}${SEARCH}?_count=2&startIndex=${selfAt}` }];
    const moved = {
      ...first,
      link: [...self, { relation: 'next', url: `${base}${SEARCH}?_count=2&startIndex=${position}` }],
    };
    const ids: string[] = [];
    const options = { concurrency, seenBefore } as { concurrency: number; seenBefore: number };
    const error = await (async () => {
      for await (const p of client.v2.pages(moved, options))
        ids.push(...(p.entry ?? []).map((e) => e.resource?.id ?? ''));
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { ids, error };
  }

  test.each([1, 3])(
    'continues at the moved offset and ends at total (concurrency %i)',
    async (concurrency) => {
      const server = await pagedServer(bfdPages(9));
      const { ids, error } = await resumeAt(server.url, 6, concurrency);
      expect(error).toBeUndefined();
      expect(ids).toEqual(['e6', 'e7', 'e8']);
      const starts = server.received.map((r) => new URL(r.url, 'http://x').searchParams.get('startIndex'));
      expect(starts).toEqual([null, '6', '8']);
    },
  );

  test('a self link left on the moved bundle neither trips the loop guard nor shifts the total check', async () => {
    // The bundle's own self link says where it was fetched, not where the walk resumes: with it at the
    // resume point the loop guard would see no advance, and its offset would be counted twice by the total check.
    const server = await pagedServer(bfdPages(9));
    const { ids, error } = await resumeAt(server.url, 6, 1, 6, 6);
    expect(error).toBeUndefined();
    expect(ids).toEqual(['e6', 'e7', 'e8']);
  });

  test.each([
    ['no self link', undefined],
    ['a self link of the stored page', 4],
  ])('the total check still fires on a real gap after the resume point (%s)', async (_, selfAt) => {
    const server = await pagedServer(bfdPages(9, { lastPageCut: 7 }));
    const { ids, error } = await resumeAt(server.url, 4, 1, 4, selfAt);
    expect(ids).toEqual(['e4', 'e5', 'e6', 'e7']);
    expect(isBlueButtonError(error) && error.code).toBe('INVALID_RESPONSE');
    expect(error).toMatchObject({ total: 9, received: 8 });
  });

  test('a next link that then goes back is still PAGING_LOOP', async () => {
    const server = await pagedServer((q, base) => {
      const start = Number(q.get('startIndex') ?? 0);
      return eobPage([`e${start}`, `e${start + 1}`], {
        total: 20,
        next: `${base}${SEARCH}?_count=2&startIndex=${start === 0 ? 2 : 4}`,
      });
    });
    const { ids, error } = await resumeAt(server.url, 6);
    expect(ids).toEqual(['e6', 'e7']);
    expect(error).toMatchObject({ code: 'PAGING_LOOP', reason: 'offset-not-advancing' });
  });

  test.each([-1, 1.5, Number.NaN])('seenBefore %s is INVALID_PARAMS naming the option', async (bad) => {
    const server = await pagedServer(bfdPages(9));
    const { ids, error } = await resumeAt(server.url, 6, 1, bad);
    expect(ids).toEqual([]);
    expect(isBlueButtonError(error) && error.code).toBe('INVALID_PARAMS');
    expect(String((error as Error).message)).toContain('seenBefore must be a whole number');
  });
});
