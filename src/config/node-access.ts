/**
 * The one door from config loading to Node's built-ins (files, paths, the working directory, the
 * environment, `require` for the `yaml` package), opened through runtime/node-builtin.ts: the main entry has
 * no `node:` import and runs on workers and in browsers, where only a config object is accepted.
 */
import type * as Fs from 'node:fs';
import type * as Module from 'node:module';
import type * as Path from 'node:path';
import { nodeBuiltin, nodeProcess } from '../runtime/node-builtin.js';

export interface NodeAccess {
  readonly fs: typeof Fs;
  readonly path: typeof Path;
  readonly cwd: () => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `require` relative to this module, for CommonJS packages loaded only when a file is read. */
  readonly require: (id: string) => unknown;
}

/** Node's built-ins, or `undefined` on a runtime without them (workerd, browsers). Cheap: Node caches them. */
export function nodeAccess(): NodeAccess | undefined {
  const proc = nodeProcess();
  const fs = nodeBuiltin<typeof Fs>('node:fs');
  const path = nodeBuiltin<typeof Path>('node:path');
  const module = nodeBuiltin<typeof Module>('node:module');
  const cwd = proc?.cwd;
  if (fs === undefined || path === undefined || module === undefined || typeof cwd !== 'function') {
    return undefined;
  }
  return {
    fs,
    path,
    cwd: () => cwd.call(proc),
    env: proc?.env ?? {},
    require: module.createRequire(import.meta.url),
  };
}
