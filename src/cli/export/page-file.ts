/**
 * An output file filled page by page. Appends are written at once but counted in `progress` only by
 * `commit()`, after an fsync, and the caller records `progress` in the state file after that; so the
 * recorded offset is always the end of a complete, durable page, and reopening cuts whatever a crash or a
 * full disk left after it. Committing every few pages rather than each keeps fsyncs off the walk's pace.
 */
import { type FileHandle, open, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error.js';
import { errnoText, isErrno } from '../token-file.js';
import type { FileProgress } from './export-state.js';

export class PageFile {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #progress: FileProgress;
  /** Appended since the last commit. */
  #pending = { bytes: 0, resources: 0, pages: 0 };

  private constructor(path: string, handle: FileHandle, progress: FileProgress) {
    this.path = path;
    this.#handle = handle;
    this.#progress = progress;
  }

  /** Opens `dir/progress.file` at `progress.bytes`, cutting a torn page after it. */
  static async open(dir: string, progress: FileProgress): Promise<PageFile> {
    const path = join(dir, progress.file);
    let size = 0;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw new CliError(`cannot open ${path}: ${errnoText(error)}`);
    }
    if (size < progress.bytes) {
      throw new CliError(
        `${path} is shorter than the state file records (${size} < ${progress.bytes} bytes): it was changed ` +
          'outside the export; move the directory away and export again',
      );
    }
    try {
      if (size > progress.bytes) await truncate(path, progress.bytes);
      return new PageFile(path, await open(path, 'a', 0o600), progress);
    } catch (error) {
      throw new CliError(`cannot write ${path}: ${errnoText(error)}`);
    }
  }

  /** Pages appended and not yet committed. */
  get pendingPages(): number {
    return this.#pending.pages;
  }

  /** Appends one page (already formatted); `commit()` makes it durable and counts it. */
  async append(text: string, resources: number): Promise<void> {
    await this.#guard(() => this.#handle.appendFile(text, 'utf8'));
    this.#pending.bytes += Buffer.byteLength(text, 'utf8');
    this.#pending.resources += resources;
    this.#pending.pages += 1;
  }

  /** Fsyncs what was appended; then `progress` counts it (the caller saves the state file next). */
  async commit(): Promise<void> {
    if (this.#pending.pages === 0) return;
    await this.#guard(() => this.#handle.sync());
    this.#progress.bytes += this.#pending.bytes;
    this.#progress.count += this.#pending.resources;
    this.#progress.pages += this.#pending.pages;
    this.#pending = { bytes: 0, resources: 0, pages: 0 };
  }

  async #guard(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      throw new CliError(
        `writing ${this.path} failed: ${errnoText(error)}; ${this.#progress.count} resources are saved ` +
          'in complete pages, and the same command continues from there once the problem is fixed',
        undefined,
        { cause: error },
      );
    }
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}
