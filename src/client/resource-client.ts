/**
 * `search`, `read`, `pages`, `all` and `searchAll` for one resource of one API version. Parameter and
 * result types come from the generated spec types (src/types.ts); the runtime checks the resourceType.
 */
import { safeName } from '../errors/redact.js';
import { InvalidResponseError } from '../errors/request-errors.js';
import { limitReached, type PageOptions, pagesAfter, type WalkTarget } from '../pagination/paginate.js';
import { reportWalk } from '../pagination/report-walk.js';
import type { ApiVersion, ResourceOf, ResourceType, SearchBundle, SearchParams } from '../types.js';
import { buildUrl, type ClientContext, getJson, type RequestOptions } from './request.js';

export interface ResourceClient<V extends ApiVersion, R extends ResourceType> {
  /** One page of results (BB2's default page size is 10, at most 50 with `_count`). */
  search(params?: SearchParams<V, R>, options?: RequestOptions): Promise<SearchBundle<V, R>>;
  /** One resource by id. */
  read(id: string, options?: RequestOptions): Promise<ResourceOf<V, R>>;
  /** Every page of the search, in order, starting with the first. */
  pages(params?: SearchParams<V, R>, options?: PageOptions): AsyncIterableIterator<SearchBundle<V, R>>;
  /** Every resource of every page, in order; memory holds at most `concurrency + 1` pages. */
  all(params?: SearchParams<V, R>, options?: PageOptions): AsyncIterableIterator<ResourceOf<V, R>>;
  /** `all()` collected into an array. */
  searchAll(params?: SearchParams<V, R>, options?: PageOptions): Promise<ResourceOf<V, R>[]>;
}

interface EntryLike {
  readonly resource?: { readonly resourceType?: unknown };
  readonly search?: { readonly mode?: unknown };
}

/** The resources of a page; an entry of another type (other than a search `outcome`) is a broken response. */
export function* resourcesOf(
  bundle: { entry?: readonly unknown[] },
  resource: ResourceType,
): Generator<unknown> {
  for (const e of (bundle.entry ?? []) as readonly EntryLike[]) {
    if (e.search?.mode === 'outcome' || e.resource === undefined) continue;
    if (e.resource.resourceType !== resource) {
      throw new InvalidResponseError(
        'search page',
        200,
        `a ${resource} search returned a ${safeName(e.resource.resourceType)} entry`,
      );
    }
    yield e.resource;
  }
}

export async function* walk(
  ctx: ClientContext,
  target: WalkTarget,
  firstUrl: string,
  options: PageOptions = {},
): AsyncGenerator<{ entry?: readonly unknown[] }, void, undefined> {
  if (options.maxPages !== undefined && options.maxPages <= 0) return;
  const startedAt = ctx.now();
  let first: { entry?: unknown[] };
  try {
    first = (await getJson(ctx, target.version, firstUrl, 'Bundle', options)).data as typeof first;
  } catch (e) {
    reportWalk(ctx, { searchPath: target.searchPath, startedAt, pages: 0, items: 0 }, 'error', e);
    throw e;
  }
  const state = { pages: 1, items: first.entry?.length ?? 0, firstUrl, startedAt };
  let handedOn = false;
  try {
    yield first;
    handedOn = true;
  } finally {
    // The consumer stopped at the first page: pagesAfter, which reports every later end, never ran.
    if (!handedOn) {
      const ended = limitReached(options, state) ? 'limit' : 'stopped';
      reportWalk(ctx, { searchPath: target.searchPath, ...state }, ended);
    }
  }
  yield* pagesAfter(ctx, target, first, options, state);
}

export function createResourceClient<V extends ApiVersion, R extends ResourceType>(
  ctx: ClientContext,
  version: V,
  resource: R,
): ResourceClient<V, R> {
  const searchPath = `/v${version}/fhir/${resource}/`;
  const target: WalkTarget = { version, searchPath };
  async function* all(params?: SearchParams<V, R>, options: PageOptions = {}) {
    let left = options.maxItems ?? Infinity;
    if (left <= 0) return;
    for await (const page of walk(
      ctx,
      target,
      buildUrl(ctx, version, searchPath, undefined, params),
      options,
    )) {
      for (const r of resourcesOf(page, resource)) {
        yield r as ResourceOf<V, R>;
        if (--left <= 0) return;
      }
    }
  }
  return {
    async search(params, options) {
      const url = buildUrl(ctx, version, searchPath, undefined, params);
      return (await getJson(ctx, version, url, 'Bundle', options)).data as SearchBundle<V, R>;
    },
    async read(id, options) {
      const url = buildUrl(ctx, version, `${searchPath}{resource_id}`, id);
      return (await getJson(ctx, version, url, resource, options)).data as ResourceOf<V, R>;
    },
    pages(params, options) {
      const url = buildUrl(ctx, version, searchPath, undefined, params);
      return walk(ctx, target, url, options) as AsyncGenerator<SearchBundle<V, R>, void, undefined>;
    },
    all,
    async searchAll(params, options) {
      const out: ResourceOf<V, R>[] = [];
      for await (const r of all(params, options)) out.push(r);
      return out;
    },
  };
}
