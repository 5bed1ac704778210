/**
 * Typed access to the generated endpoint table, the one source of each route's query parameters and
 * scope groups.
 */
import { ENDPOINTS, type EndpointSpec } from '../../types.js';

export function endpointSpec(version: number, routeKey: string): EndpointSpec | undefined {
  const table: Readonly<Record<string, EndpointSpec>> | undefined =
    version === 1 ? ENDPOINTS.v1 : version === 2 ? ENDPOINTS.v2 : version === 3 ? ENDPOINTS.v3 : undefined;
  return table?.[routeKey];
}

/** The scope groups of a route; a route missing from the spec needs no scope. */
export function scopeGroups(version: number, routeKey: string): readonly (readonly string[])[] {
  return endpointSpec(version, routeKey)?.scopes ?? [];
}
