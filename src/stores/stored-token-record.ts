import type { AuthorizationTokenJSON } from '../auth/authorization-token.js';
import type { StoredToken } from '../auth/token-store.js';
import { BlueButtonError } from '../errors/blue-button-error.js';

/** A record read back from a shared store, checked: the store is shared, so its content is untrusted. */
export function toStoredToken(token: unknown, revision: unknown, lease: unknown): StoredToken {
  const rev = typeof revision === 'string' ? Number(revision) : revision;
  if (typeof token !== 'object' || token === null || typeof rev !== 'number' || !Number.isSafeInteger(rev))
    throw new BlueButtonError(
      'INVALID_RESPONSE',
      'The token store holds a record that is not a stored token',
    );
  return { token: token as AuthorizationTokenJSON, revision: rev, lease: toLease(lease) };
}

function toLease(lease: unknown): StoredToken['lease'] {
  if (typeof lease !== 'object' || lease === null) return undefined;
  const { owner, until } = lease as { owner?: unknown; until?: unknown };
  const u = typeof until === 'string' ? Number(until) : until;
  return typeof owner === 'string' && typeof u === 'number' && Number.isFinite(u)
    ? { owner, until: u }
    : undefined;
}

/**
 * A lease lasts at most `maxLeaseMs` from now, whatever the writer asked: a worker that dies holding
 * one then blocks the others for that long only.
 */
export function capLease(next: StoredToken, maxLeaseMs: number | undefined, now: number): StoredToken {
  if (!next.lease || maxLeaseMs === undefined || next.lease.until <= now + maxLeaseMs) return next;
  return { ...next, lease: { owner: next.lease.owner, until: now + maxLeaseMs } };
}

/** Store options both stores share. */
export interface SharedStoreOptions {
  /** Caps every lease written through this store (ms). Default: the lease the SDK asks for (30 s). */
  readonly maxLeaseMs?: number;
  /** Clock for `maxLeaseMs` (epoch ms). Default `Date.now`. */
  readonly now?: () => number;
}
