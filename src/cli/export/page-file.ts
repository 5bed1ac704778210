/**
 * An output file filled page by page. Each append is written and fsynced before the caller records it
 * in the state file, so the recorded offset is always the end of a complete page; reopening cuts
 * whatever a crash or a full disk left after it.
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

  /** Appends one page (already formatted) and makes it durable; then `progress` counts it. */
  async append(text: string, resources: number): Promise<void> {
    try {
      await this.#handle.appendFile(text, 'utf8');
      await this.#handle.sync();
    } catch (error) {
      throw new CliError(
        `writing ${this.path} failed: ${errnoText(error)}; ${this.#progress.count} resources are saved ` +
          'in complete pages, and the same command continues from there once the problem is fixed',
        undefined,
        { cause: error },
      );
    }
    this.#progress.bytes += Buffer.byteLength(text, 'utf8');
    this.#progress.count += resources;
    this.#progress.pages += 1;
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}
