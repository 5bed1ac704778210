/**
 * The one door from config loading to Node's built-ins (files, paths, the working directory, the
 * environment, `require` for the `yaml` package). It opens through `process.getBuiltinModule` (Node
 * 20.16+, Bun, Deno), a synchronous lookup that bundlers do not follow, so the main entry has no `node:`
 * import and runs on workers and in browsers, where only a config object is accepted.
 */
import type * as Fs from 'node:fs';
import type * as Module from 'node:module';
import type * as Path from 'node:path';

export interface NodeAccess {
  readonly fs: typeof Fs;
  readonly path: typeof Path;
  readonly cwd: () => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `require` relative to this module, for CommonJS packages loaded only when a file is read. */
  readonly require: (id: string) => unknown;
}

interface NodeLikeProcess {
  getBuiltinModule?: (id: string) => unknown;
  cwd?: () => string;
  env?: Record<string, string | undefined>;
}

let cached: NodeAccess | null | undefined;

/** Node's built-ins, or `undefined` on a runtime without them (workerd, browsers). */
export function nodeAccess(): NodeAccess | undefined {
  if (cached === undefined) cached = open() ?? null;
  return cached ?? undefined;
}

function open(): NodeAccess | undefined {
  // Guarded: `process` is not a global on workers and in browsers.
  const proc: NodeLikeProcess | undefined = Reflect.get(globalThis, 'process');
  const { getBuiltinModule, cwd, env } = proc ?? {};
  if (typeof getBuiltinModule !== 'function' || typeof cwd !== 'function') return undefined;
  const fs = getBuiltinModule('node:fs') as typeof Fs | undefined;
  const path = getBuiltinModule('node:path') as typeof Path | undefined;
  const module = getBuiltinModule('node:module') as typeof Module | undefined;
  if (fs === undefined || path === undefined || module === undefined) return undefined;
  return {
    fs,
    path,
    cwd: () => cwd.call(proc),
    env: env ?? {},
    require: module.createRequire(import.meta.url),
  };
}
