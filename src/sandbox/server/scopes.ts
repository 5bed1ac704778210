/**
 * Scope rules (bb2-api 2.11): which scopes exist, what a consent grants, and whether a token meets an
 * endpoint's scope groups from `ENDPOINTS[..].scopes`.
 */
import { SCOPES } from '../../types.js';

const KNOWN: ReadonlySet<string> = new Set<string>(SCOPES);

/** What BB2 grants when a v1/v2 authorize request carries no `scope` (the app's defaults). */
export const DEFAULT_SCOPES: readonly string[] = [
  'profile',
  'patient/Patient.rs',
  'patient/ExplanationOfBenefit.rs',
  'patient/Coverage.rs',
];

export function parseScopes(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(/\s+/).filter((s) => s !== ''))];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !KNOWN.has(s));
}

/** `patient/Patient.*` and `profile` (BB2's `BENE_PERSONAL_INFO_SCOPES`). */
export function isDemographicScope(scope: string): boolean {
  return scope === 'profile' || scope.startsWith('patient/Patient.');
}

/** `.r` plus `.s` on the same resource become `.rs`, as BB2's `condense_scopes` does. */
export function condenseScopes(scopes: readonly string[]): string[] {
  const set = new Set(scopes);
  const out: string[] = [];
  for (const scope of scopes) {
    const match = /^(patient\/\w+)\.(r|s)$/.exec(scope);
    const base = match?.[1];
    if (base !== undefined && set.has(`${base}.r`) && set.has(`${base}.s`)) {
      if (!out.includes(`${base}.rs`)) out.push(`${base}.rs`);
      continue;
    }
    if (!out.includes(scope)) out.push(scope);
  }
  return out;
}

/** Every group must contain at least one of the token's scopes. */
export function meetsScopeGroups(
  tokenScopes: readonly string[],
  groups: readonly (readonly string[])[],
): boolean {
  return groups.every((group) => group.some((scope) => tokenScopes.includes(scope)));
}

/**
 * Whether `requested` narrows `original` (refresh with `scope=`): each scope is in the original or a SMART
 * sub-scope of one (`.r`/`.s` of `.rs`, any of `.read`).
 */
export function isWithinScopes(requested: readonly string[], original: readonly string[]): boolean {
  return requested.every((scope) => original.some((granted) => coversScope(granted, scope)));
}

function coversScope(granted: string, scope: string): boolean {
  if (granted === scope) return true;
  const g = /^(patient\/\w+)\.(read|rs)$/.exec(granted);
  const s = /^(patient\/\w+)\.(r|s|rs|read)$/.exec(scope);
  return g !== null && s !== null && g[1] === s[1];
}
