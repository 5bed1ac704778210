/**
 * Paging helpers shared by the paging tests: version-independent calls of pages(), searchAll() and
 * client.vN.pages(), and query comparisons.
 */
import type { ApiVersion, BlueButtonClient, PageOptions } from 'bluebutton-ts';
import type { SeenRequest } from './sample-server.js';
import { type FhirResource, type Json, queryPairs, resourceTypeOf, stringField } from './samples.js';

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function resourceClient(client: BlueButtonClient, version: ApiVersion, resource: FhirResource) {
  const ns = version === 1 ? client.v1 : version === 2 ? client.v2 : client.v3;
  return ns[resource];
}

/** `pages()` / `searchAll()` of a resource, whatever the version (results compared as plain JSON). */
export function walk(
  client: BlueButtonClient,
  version: ApiVersion,
  resource: FhirResource,
  options?: PageOptions,
) {
  const rc = resourceClient(client, version, resource);
  return {
    pages: (): Promise<unknown[]> => collect<unknown>(rc.pages(undefined, options)),
    searchAll: (): Promise<unknown[]> => rc.searchAll(undefined, options),
  };
}

export type PagesArg<K extends 'v1' | 'v2' | 'v3'> = Parameters<BlueButtonClient[K]['pages']>[0];

/** `client.vN.pages(bundle)`: the pages after a Bundle one already has. */
export function pagesAfter(
  client: BlueButtonClient,
  version: ApiVersion,
  bundle: unknown,
): Promise<unknown[]> {
  // Typed as the version's search Bundle once its resourceType and type say it is one.
  if (resourceTypeOf(bundle) !== 'Bundle' || stringField(bundle, 'type') !== 'searchset') {
    throw new Error('not a searchset Bundle');
  }
  if (version === 1) return collect<unknown>(client.v1.pages(bundle as PagesArg<'v1'>));
  if (version === 2) return collect<unknown>(client.v2.pages(bundle as PagesArg<'v2'>));
  return collect<unknown>(client.v3.pages(bundle as PagesArg<'v3'>));
}

/** The query of a request without `startIndex`, to compare a planned page with the link it came from. */
export function pairsWithout(query: URLSearchParams | string, drop: string): string[] {
  return queryPairs(new URLSearchParams(query)).filter((p) => !p.startsWith(`${drop}=`));
}

export const startIndexOf = (r: SeenRequest) => r.query.get('startIndex');

/** The last page of a result: what BB2 sends after a `next` link whose pages these samples do not include. */
export const TERMINAL_PAGE: Json = Object.freeze({ resourceType: 'Bundle', type: 'searchset', link: [] });
