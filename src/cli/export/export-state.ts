/**
 * The state file beside an export (`<dir>/.bluebutton-export.json`): for each resource type, how many
 * bytes and resources of its file are complete pages, and whether the walk finished. It is replaced
 * atomically after each page's bytes are on disk, so it never claims more than the files hold.
 * It holds counts, offsets, options and timestamps only: no token, no patient id, no link (BB2's links
 * carry the patient id).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { CliError } from '../cli-error.js';
import type { ExportResource } from '../parse-args.js';
import { errnoText, isErrno } from '../token-file.js';

export const STATE_FILE = '.bluebutton-export.json';

/** One file being filled page by page. */
export interface FileProgress {
  /** Relative to the output directory. */
  readonly file: string;
  /** Bytes of complete pages; anything after this offset is a torn page and is cut on resume. */
  bytes: number;
  /** Resources in those bytes. */
  count: number;
  pages: number;
  complete: boolean;
  /** Latest `meta.lastUpdated` written (an instant), the next `--since auto` bound. */
  watermark: string | undefined;
}

export interface ResourceProgress extends FileProgress {
  /** An incremental (`--since auto`) walk into a side file, merged into `file` once complete. */
  delta: (FileProgress & { readonly since: string }) | undefined;
}

/** What must match for a run to continue another. */
export interface ExportOptions {
  readonly apiVersion: 1 | 2 | 3;
  readonly format: 'ndjson' | 'csv';
  readonly types: readonly string[];
  readonly since: string | undefined;
}

export interface ExportState {
  readonly stateVersion: 1;
  readonly options: ExportOptions;
  readonly resources: Partial<Record<ExportResource, ResourceProgress>>;
  lastCompleteAt: string | undefined;
}

export async function readState(dir: string): Promise<ExportState | undefined> {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new CliError(`cannot read ${path}: ${errnoText(error)}`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    state = undefined;
  }
  if (!isState(state)) {
    throw new CliError(
      `${path} is not an export state file of this version; move it away or use another --out`,
    );
  }
  return state;
}

export async function saveState(dir: string, state: ExportState): Promise<void> {
  const path = join(dir, STATE_FILE);
  try {
    await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`, 0o644);
  } catch (error) {
    // The previous state file is intact (atomic replace): it under-counts, so a resume repeats no page.
    throw new CliError(
      `saving ${path} failed: ${errnoText(error)}; the same command continues once the problem is fixed`,
    );
  }
}

function isState(value: unknown): value is ExportState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<ExportState>;
  return (
    s.stateVersion === 1 &&
    typeof s.options === 'object' &&
    s.options !== null &&
    typeof s.resources === 'object' &&
    s.resources !== null &&
    Object.values(s.resources).every(isProgress)
  );
}

function isProgress(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<FileProgress>;
  return (
    typeof p.file === 'string' &&
    !p.file.includes('/') &&
    Number.isSafeInteger(p.bytes) &&
    Number.isSafeInteger(p.count) &&
    typeof p.complete === 'boolean'
  );
}

export function emptyProgress(file: string): FileProgress {
  return { file, bytes: 0, count: 0, pages: 0, complete: false, watermark: undefined };
}

/** The later of two instants (strings as BB2 sends them; compared as times, offsets included). */
export function laterInstant(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || Number.isNaN(Date.parse(a))) return b;
  if (b === undefined || Number.isNaN(Date.parse(b))) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
