/**
 * Everything one sandbox instance owns. Created per `startSandbox` call: nothing is shared between
 * instances.
 */
import type { Dataset, SyntheticBeneficiary } from '../data/dataset-types.js';
import { createMatchCache, type MatchCache } from './match-cache.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { SandboxSettings } from './settings.js';
import { createThrottle, type Throttle } from './throttle.js';
import { createTokenRegistry, type TokenRegistry } from './token-registry.js';

export interface SandboxContext {
  readonly dataset: Dataset;
  readonly settings: SandboxSettings;
  readonly registry: TokenRegistry;
  readonly rateLimiter: RateLimiter;
  /** The optional per-token request rate (`throttle` option). */
  readonly throttle: Throttle | undefined;
  readonly matches: MatchCache;
  /** Fallback `meta.lastUpdated` of empty Bundles. */
  readonly startedAt: number;
  /** By index, username, any version's patient id, or MBI. */
  findBeneficiary(key: number | string): SyntheticBeneficiary | undefined;
}

export function createContext(dataset: Dataset, settings: SandboxSettings): SandboxContext {
  return {
    dataset,
    settings,
    registry: createTokenRegistry(settings.now, settings.tokenExpiresIn),
    rateLimiter: createRateLimiter(settings.rateLimit, settings.now),
    throttle: settings.throttle === undefined ? undefined : createThrottle(settings.throttle, settings.now),
    matches: createMatchCache(),
    startedAt: settings.now(),
    findBeneficiary: (key) => findBeneficiary(dataset, key),
  };
}

export function findBeneficiary(dataset: Dataset, key: number | string): SyntheticBeneficiary | undefined {
  if (typeof key === 'number') return dataset.beneficiaries[key];
  const trimmed = key.trim();
  if (/^\d+$/.test(trimmed)) return dataset.beneficiaries[Number(trimmed)];
  return (
    dataset.findBeneficiary(trimmed) ??
    dataset.beneficiaries.find((b) => b.username.toLowerCase() === trimmed.toLowerCase())
  );
}
