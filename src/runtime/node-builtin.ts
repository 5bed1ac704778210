/**
 * Node's built-in modules where the runtime has them (Node 20.16+, Bun, Deno), `undefined` elsewhere
 * (workerd, browsers). `process.getBuiltinModule` is a synchronous lookup that bundlers do not follow, so
 * modules using it have no `node:` import and still bundle for a worker or browser target.
 */
interface NodeLikeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

/** The global `process`, guarded: it is not a global on workers and in browsers. */
export function nodeProcess(): (NodeLikeProcess & Partial<Pick<NodeJS.Process, 'cwd' | 'env'>>) | undefined {
  const proc: unknown = Reflect.get(globalThis, 'process');
  return typeof proc === 'object' && proc !== null ? proc : undefined;
}

export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  const lookup = nodeProcess()?.getBuiltinModule;
  return typeof lookup === 'function' ? (lookup(id) as T | undefined) : undefined;
}
