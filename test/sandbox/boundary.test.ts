/**
 * The sandbox could become its own package without edits: outside `src/sandbox/` it imports only the
 * deliberate shared surface (`src/types.ts`: the spec tables and types), never SDK internals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SANDBOX = join(ROOT, 'src/sandbox');
/** What the sandbox may import from outside itself. */
const SHARED = new Set(['src/types.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative module specifier, single-line or multi-line imports and re-exports alike. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
}

it('imports from outside src/sandbox only src/types.ts', () => {
  const outside: string[] = [];
  for (const file of sources(SANDBOX)) {
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = relative(ROOT, resolve(file, '..', spec.replace(/\.js$/, '.ts')));
      if (!target.startsWith('src/sandbox/') && !SHARED.has(target))
        outside.push(`${relative(ROOT, file)} -> ${target}`);
    }
  }
  expect(outside).toEqual([]);
});

it('sees multi-line imports (the check cannot pass by missing them)', () => {
  const text = "import {\n  a,\n  b,\n} from '../../client/request.js';\nexport { c } from './x.js';";
  expect(relativeImports(text)).toEqual(['../../client/request.js', './x.js']);
});
