import type { ClientContext } from '../client/request.js';
import { isBlueButtonError } from '../errors/blue-button-error.js';
import type { PageWalkOutcome } from '../hooks.js';

/** What a walk reports: the search route only (never a page URL: those carry patient ids and cursors). */
export interface WalkReport {
  readonly searchPath: string;
  readonly startedAt: number;
  readonly pages: number;
  readonly items: number;
}

/** Calls `onPageWalk` once a walk has ended; `error` is what ended it, when an error did. */
export function reportWalk(
  ctx: ClientContext,
  walk: WalkReport,
  outcome: PageWalkOutcome,
  error?: unknown,
): void {
  const hooks = ctx.hooks;
  if (!hooks?.onPageWalk) return;
  hooks.onPageWalk({
    path: walk.searchPath,
    pages: walk.pages,
    items: walk.items,
    outcome,
    errorCode: outcome === 'error' ? (isBlueButtonError(error) ? error.code : 'UNKNOWN') : undefined,
    durationMs: Math.max(0, ctx.now() - walk.startedAt),
  });
}
