/**
 * `bluebutton export`: `bb.client(token, { onTokenRefresh })` and a page walk per resource type, each
 * page appended to its file and fsynced before the state file counts it. A refreshed token is saved to
 * the token file (atomically) inside `onTokenRefresh`, which the client awaits before using the token.
 */
import { access, constants, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizationToken, BlueButtonClient, PrefixedDate } from '../../index.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { loadApp, loginHint, tokenFileOf } from '../load-app.js';
import type { ExportCommand, ExportResource } from '../parse-args.js';
import { createProgress, type ProgressSink } from '../progress.js';
import { errnoText, loadToken, saveToken } from '../token-file.js';
import {
  type ExportOptions,
  type ExportState,
  emptyProgress,
  type FileProgress,
  laterInstant,
  type ResourceProgress,
  readState,
  STATE_FILE,
  saveState,
} from './export-state.js';
import { mergeDelta } from './merge-delta.js';
import { PageFile } from './page-file.js';
import { type PageFormat, pageFormat } from './page-format.js';
import { type BundleLike, continueAt, resourceSearch, type WalkParams } from './resource-search.js';

export interface ResourceSummary {
  readonly resource: ExportResource;
  readonly file: string;
  /** Resources in the file. */
  readonly count: number;
  /** Resources fetched by this run. */
  readonly fetched: number;
  readonly pages: number;
  readonly complete: boolean;
  readonly incremental: boolean;
}

interface Run {
  readonly command: ExportCommand;
  readonly io: CliIo;
  readonly out: string;
  readonly state: ExportState;
  readonly client: BlueButtonClient;
  readonly version: 1 | 2 | 3;
  readonly progress: ProgressSink;
}

export async function runExport(command: ExportCommand, io: CliIo): Promise<number> {
  const hint = loginHint(command);
  const tokenFile = tokenFileOf(command);
  const bb = loadApp(command);
  const token = await loadToken(tokenFile, hint);
  checkGrant(token, hint);
  const out = command.out;
  await prepareOut(out);
  if (command.format === 'csv' && command.since?.kind === 'auto') {
    throw new CliError('--since auto merges NDJSON files by resource id; use --format ndjson', EXIT.usage);
  }
  const options: ExportOptions = {
    apiVersion: token.version,
    format: command.format,
    types: [...command.types].sort(),
    since: command.since?.kind === 'date' ? command.since.value : undefined,
  };
  const state = (await readState(out)) ?? {
    stateVersion: 1,
    options,
    resources: {},
    lastCompleteAt: undefined,
  };
  checkSameOptions(state.options, options, out);
  let refreshes = 0;
  const client = bb.client(token, {
    onTokenRefresh: async (fresh) => {
      try {
        await saveToken(tokenFile, fresh);
      } catch (error) {
        throw new CliError(`could not save the refreshed token to ${tokenFile}: ${errnoText(error)}`);
      }
      refreshes++;
    },
  });
  const progress = createProgress(io.stderr, io.interactive === true);
  const run: Run = { command, io, out, state, client, version: token.version, progress };
  const summaries: ResourceSummary[] = [];
  try {
    for (const resource of command.resources) summaries.push(await exportResource(run, resource));
  } catch (error) {
    if (io.signal?.aborted) {
      const saved = command.resources.map((r) => `${state.resources[r]?.count ?? 0} ${r}`).join(', ');
      progress.note(
        `bluebutton: interrupted; saved ${saved} in complete pages. Run the same command again to resume.`,
      );
      return EXIT.interrupted;
    }
    throw error;
  }
  if (command.resources.every((r) => state.resources[r]?.complete === true)) {
    state.lastCompleteAt = new Date().toISOString();
    await saveState(out, state);
  }
  if (command.json) {
    io.stdout(
      `${JSON.stringify({ out, format: command.format, since: command.since?.kind === 'auto' ? 'auto' : (options.since ?? null), tokenRefreshes: refreshes, resources: summaries }, null, 2)}\n`,
    );
  } else {
    const total = summaries.reduce((n, s) => n + s.count, 0);
    progress.note(
      `Exported ${total} resources to ${out}${refreshes ? ` (token refreshed ${refreshes}x, saved to ${tokenFile})` : ''}.`,
    );
  }
  return EXIT.ok;
}

function checkGrant(token: AuthorizationToken, hint: string): void {
  const grant = token.accessGrantExpiration;
  if (grant !== undefined && grant.getTime() <= Date.now()) {
    throw new CliError(
      `the beneficiary's data-access grant expired on ${grant.toISOString()}; run: ${hint}`,
      EXIT.reauthorize,
    );
  }
  if (token.isExpired() && token.refreshToken === undefined) {
    throw new CliError(`the token expired and has no refresh token; run: ${hint}`, EXIT.reauthorize);
  }
}

async function prepareOut(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
    // access() says yes to root on a read-only mount; a probe file does not.
    const probe = join(out, `.bluebutton-probe-${process.pid}`);
    await rm(probe, { force: true });
    await (await open(probe, 'wx')).close();
    await rm(probe);
  } catch (error) {
    throw new CliError(`cannot write to --out ${out}: ${errnoText(error)}`);
  }
}

function checkSameOptions(was: ExportOptions, now: ExportOptions, out: string): void {
  const differs = (Object.keys(now) as (keyof ExportOptions)[]).filter(
    (k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]),
  );
  if (differs.length > 0) {
    const show = (o: ExportOptions) =>
      differs.map((k) => `${k} ${JSON.stringify(o[k]) ?? 'none'}`).join(', ');
    throw new CliError(
      `${join(out, STATE_FILE)} records an export with ${show(was)}, not ${show(now)}; ` +
        'run it with the same options, or export to another --out',
      EXIT.usage,
    );
  }
}

async function exportResource(run: Run, resource: ExportResource): Promise<ResourceSummary> {
  const { state, command } = run;
  const format = pageFormat(resource, command.format);
  const p: ResourceProgress = state.resources[resource] ?? {
    ...emptyProgress(format.file),
    delta: undefined,
  };
  state.resources[resource] = p;
  const auto = command.since?.kind === 'auto';
  if (auto && p.complete && p.delta === undefined) {
    p.delta = { ...emptyProgress(`.${p.file}.delta`), since: p.watermark ?? '' };
  }
  const target: FileProgress = p.delta ?? p;
  if (p.complete && p.delta === undefined) {
    run.progress.end(
      resource,
      `already complete: ${p.count} resources in ${p.file} (--since auto fetches what changed)`,
    );
    return summary(p, resource, 0, false);
  }
  const before = target.count;
  const lastUpdated: PrefixedDate[] | undefined = p.delta
    ? p.delta.since
      ? [`gt${p.delta.since}` as PrefixedDate]
      : undefined
    : state.options.since !== undefined
      ? [`ge${state.options.since}` as PrefixedDate]
      : undefined;
  const params: WalkParams = {
    _count: command.pageSize,
    ...(lastUpdated === undefined ? {} : { _lastUpdated: lastUpdated }),
    ...(resource === 'ExplanationOfBenefit' && command.types.length > 0 ? { type: [...command.types] } : {}),
  };
  if (!target.complete) await walkInto(run, resource, target, params, format);
  const fetched = target.count - before;
  if (p.delta !== undefined) {
    const merged = await mergeDelta(run.out, p, p.delta);
    p.bytes = merged.bytes;
    p.count = merged.count;
    p.watermark = laterInstant(p.watermark, p.delta.watermark);
    const deltaFile = join(run.out, p.delta.file);
    p.delta = undefined;
    await saveState(run.out, state);
    await rm(deltaFile, { force: true });
    run.progress.end(resource, `${fetched} changed or new, merged: ${p.count} resources in ${p.file}`);
    return summary(p, resource, fetched, true);
  }
  run.progress.end(resource, `${p.count} resources in ${p.file}`);
  return summary(p, resource, fetched, false);
}

function summary(
  p: FileProgress,
  resource: ExportResource,
  fetched: number,
  incremental: boolean,
): ResourceSummary {
  return {
    resource,
    file: p.file,
    count: p.count,
    fetched,
    pages: p.pages,
    complete: p.complete,
    incremental,
  };
}

async function walkInto(
  run: Run,
  resource: ExportResource,
  target: FileProgress,
  params: WalkParams,
  format: PageFormat,
): Promise<void> {
  const signal = run.io.signal;
  const search = resourceSearch(run.client, run.version, resource);
  const file = await PageFile.open(run.out, target);
  try {
    const first = await search.first(params, signal ? { signal } : {});
    run.progress.start(resource, first.total, target.count);
    const firstEntries = first.entry?.length ?? 0;
    let from: BundleLike | undefined;
    let seenBefore: { seenBefore: number } | undefined;
    if (target.count < firstEntries) {
      await writePage(run, file, target, format, first, target.count);
      from = first;
    } else {
      from = continueAt(first, target.count);
      seenBefore = { seenBefore: target.count };
    }
    if (from !== undefined) {
      const options = { concurrency: run.command.concurrency, ...seenBefore, ...(signal ? { signal } : {}) };
      try {
        for await (const page of search.after(from, options))
          await writePage(run, file, target, format, page, 0);
      } catch (error) {
        // Ctrl-C: the pages already written are whole; keep them so the resume starts after them.
        if (signal?.aborted) await checkpoint(run, file);
        throw error;
      }
    }
    await checkpoint(run, file);
    target.complete = true;
    await saveState(run.out, run.state);
  } finally {
    await file.close();
  }
}

async function writePage(
  run: Run,
  file: PageFile,
  target: FileProgress,
  format: PageFormat,
  page: BundleLike,
  skip: number,
) {
  const entries = (page.entry ?? []).slice(skip);
  const resources: unknown[] = [];
  for (const entry of entries) {
    if (entry.resource === undefined) continue;
    resources.push(entry.resource);
    target.watermark = laterInstant(target.watermark, lastUpdatedOf(entry.resource));
  }
  await file.append(
    await format.format(resources, target.bytes === 0 && file.pendingPages === 0),
    entries.length,
  );
  // The first page at once, so the state file exists from the start; then every few pages.
  if (target.pages === 0 || file.pendingPages >= CHECKPOINT_PAGES) await checkpoint(run, file);
  run.progress.page(entries.length);
}

/** Pages written between fsync + state saves: a crash re-fetches at most these. */
const CHECKPOINT_PAGES = 16;

async function checkpoint(run: Run, file: PageFile): Promise<void> {
  await file.commit();
  await saveState(run.out, run.state);
}

function lastUpdatedOf(resource: unknown): string | undefined {
  const meta = (resource as { meta?: { lastUpdated?: unknown } }).meta;
  return typeof meta?.lastUpdated === 'string' ? meta.lastUpdated : undefined;
}
