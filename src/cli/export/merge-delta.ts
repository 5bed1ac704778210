/**
 * `--since auto`: folds an incremental NDJSON file into the full one. A resource that changed replaces
 * its old line (matched on resourceType and id), a new one is added; the result replaces the full file
 * atomically. Rerunning after a crash gives the same result, so the state is updated only afterwards.
 */
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { syncDirectory } from '../atomic-write.js';
import { CliError } from '../cli-error.js';
import { errnoText } from '../token-file.js';

const FLUSH_BYTES = 1 << 20;

function keyOf(line: string): string | undefined {
  try {
    const r = JSON.parse(line) as { resourceType?: unknown; id?: unknown };
    return typeof r.resourceType === 'string' && typeof r.id === 'string'
      ? `${r.resourceType}/${r.id}`
      : undefined;
  } catch {
    return undefined;
  }
}

async function* linesOf(path: string, bytes: number): AsyncGenerator<string> {
  if (bytes === 0) return;
  const input = createReadStream(path, { encoding: 'utf8', start: 0, end: bytes - 1 });
  yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/** @returns the merged file's size in bytes and its number of resources. */
export async function mergeDelta(
  dir: string,
  full: { file: string; bytes: number },
  delta: { file: string; bytes: number },
): Promise<{ bytes: number; count: number }> {
  const fullPath = join(dir, full.file);
  const deltaPath = join(dir, delta.file);
  const temp = `${fullPath}.merge.tmp`;
  const changed = new Set<string>();
  for await (const line of linesOf(deltaPath, delta.bytes)) {
    const key = keyOf(line);
    if (key !== undefined) changed.add(key);
  }
  let bytes = 0;
  let count = 0;
  const handle = await open(temp, 'w', 0o600);
  try {
    let buffer = '';
    const flush = async () => {
      await handle.write(buffer);
      buffer = '';
    };
    const add = async (line: string) => {
      buffer += `${line}\n`;
      bytes += Buffer.byteLength(line, 'utf8') + 1;
      count++;
      if (buffer.length >= FLUSH_BYTES) await flush();
    };
    for await (const line of linesOf(fullPath, full.bytes)) {
      const key = keyOf(line);
      if (key === undefined || !changed.has(key)) await add(line);
    }
    for await (const line of linesOf(deltaPath, delta.bytes)) await add(line);
    await flush();
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw new CliError(
      `merging the changes into ${fullPath} failed: ${errnoText(error)}; the same command retries it`,
    );
  }
  await handle.close();
  await rename(temp, fullPath);
  await syncDirectory(dir);
  return { bytes, count };
}
