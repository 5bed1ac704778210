import { AuthorizationToken } from '../auth/authorization-token.js';
import type { TokenStore } from '../auth/token-store.js';
import type { BlueButton } from '../blue-button.js';
import { isBlueButtonError } from '../errors/blue-button-error.js';
import { HttpError } from '../errors/http-error.js';
import type { PrefixedDate } from '../types.js';
import type { SyncedResource, SyncedType, SyncSink } from './sync-sink.js';

export interface SyncContext {
  readonly bb: BlueButton<2>;
  /** The store the tokens live in; the same one `bb` was configured with (`tokenStore`). */
  readonly store: TokenStore;
  readonly sink: SyncSink;
  /** Stops the job's requests (worker shutdown). */
  readonly signal?: AbortSignal | undefined;
}

export type SyncOutcome =
  | {
      readonly status: 'synced';
      readonly resources: number;
      /** Resources written, per type. */
      readonly written: Readonly<Record<SyncedType, number>>;
      /** Pages and searches BB2 answered. */
      readonly requests: number;
    }
  | {
      readonly status: 'reauthorization-required' | 'skipped';
      readonly resources: 0;
      readonly requests: number;
    }
  | {
      /** BB2 answered 429 after the SDK's own retries (or asked to wait longer than `maxDelayMs`). */
      readonly status: 'rate-limited';
      readonly resources: 0;
      readonly requests: number;
      /** The server's `Retry-After` (1 s when it sent none). */
      readonly retryAfterMs: number;
    };

/** A 429 without `Retry-After` (BB2 always sends one) waits this long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

const newest = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined || Date.parse(a) >= Date.parse(b) ? a : b;

/**
 * One beneficiary's sync: the token from the store, what changed since each watermark
 * (`_lastUpdated=gt<watermark>`), then one transaction that upserts it and moves the watermarks.
 * `REAUTHORIZATION_REQUIRED` marks the beneficiary and ends the job for good; a 429 the SDK gave up on
 * is the `rate-limited` outcome (nothing written); other errors throw (the queue retries them).
 */
export async function syncBeneficiary(ctx: SyncContext, key: string): Promise<SyncOutcome> {
  const state = await ctx.sink.state(key);
  if (state.status === 'reauthorization-required') return { status: 'skipped', resources: 0, requests: 0 };
  const stored = await ctx.store.get(key);
  if (!stored) return { status: 'skipped', resources: 0, requests: 0 };
  const token = AuthorizationToken.fromJSON(stored.token, 2);
  let requests = 0;
  const client = ctx.bb.client(token);
  const signal = ctx.signal ?? new AbortController().signal;
  const since = (type: SyncedType) => {
    const w = state.watermarks[type];
    // The sink is ours but still data: a value that is not an instant means a full fetch, not a bad query.
    return w === undefined || Number.isNaN(Date.parse(w)) ? {} : { _lastUpdated: [`gt${w}` as PrefixedDate] };
  };
  // By type and id: a resource met twice in one walk (pages shifting under it) is written once, the last
  // copy; ON CONFLICT could not touch one row twice in a statement anyway.
  const resources = new Map<string, SyncedResource>();
  const watermarks: Partial<Record<SyncedType, string>> = {};
  const collect = (
    type: SyncedType,
    r: { id?: string | undefined; meta?: { lastUpdated?: string | undefined } | undefined },
  ) => {
    if (r.id === undefined) return;
    const lastUpdated = r.meta?.lastUpdated;
    resources.set(`${type}/${r.id}`, { resourceType: type, id: r.id, lastUpdated, resource: r });
    const w = newest(watermarks[type], lastUpdated);
    if (w !== undefined) watermarks[type] = w;
  };
  try {
    for await (const page of client.v2.ExplanationOfBenefit.pages(
      { _count: 50, ...since('ExplanationOfBenefit') },
      { signal },
    )) {
      requests++;
      for (const e of page.entry ?? []) if (e.resource) collect('ExplanationOfBenefit', e.resource);
    }
    for await (const page of client.v2.Coverage.pages({ ...since('Coverage') }, { signal })) {
      requests++;
      for (const e of page.entry ?? []) if (e.resource) collect('Coverage', e.resource);
    }
    const patients = await client.v2.Patient.search({ ...since('Patient') }, { signal });
    requests++;
    for (const e of patients.entry ?? []) if (e.resource) collect('Patient', e.resource);
  } catch (e) {
    if (isBlueButtonError(e) && e.code === 'REAUTHORIZATION_REQUIRED') {
      await ctx.sink.markReauthorizationRequired(key);
      return { status: 'reauthorization-required', resources: 0, requests };
    }
    if (e instanceof HttpError && e.status === 429)
      return {
        status: 'rate-limited',
        resources: 0,
        requests,
        retryAfterMs: e.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
      };
    throw e;
  }
  await ctx.sink.write(key, token.patient, [...resources.values()], watermarks);
  const written = { ExplanationOfBenefit: 0, Coverage: 0, Patient: 0 };
  for (const r of resources.values()) written[r.resourceType]++;
  return { status: 'synced', resources: resources.size, written, requests };
}
