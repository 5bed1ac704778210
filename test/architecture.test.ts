/**
 * Module boundaries (style guide B3): generated/ is read only through src/types.ts, cockatiel only
 * through src/resilience/policies.ts, errors/ imports nothing of the SDK but types, and no `any`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const src = files(join(ROOT, 'src')).map((p) => ({
  path: relative(ROOT, p).replaceAll('\\', '/'),
  text: readFileSync(p, 'utf8'),
}));
const importsOf = (text: string) =>
  [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');

describe('architecture', () => {
  test('only src/types.ts imports generated/', () => {
    const offenders = src.filter(
      (f) => f.path !== 'src/types.ts' && importsOf(f.text).some((i) => i.includes('generated/')),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('only src/resilience/policies.ts imports cockatiel', () => {
    const offenders = src.filter(
      (f) => f.path !== 'src/resilience/policies.ts' && importsOf(f.text).includes('cockatiel'),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('errors/ depends on nothing of the SDK but types', () => {
    const offenders = src
      .filter((f) => f.path.startsWith('src/errors/'))
      .flatMap((f) =>
        importsOf(f.text)
          .filter((i) => i.startsWith('..') && !/^\.\.\/types\.js$/.test(i))
          .map((i) => `${f.path} -> ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  test('auth/ never imports client/', () => {
    const offenders = src.filter(
      (f) => f.path.startsWith('src/auth/') && importsOf(f.text).some((i) => i.includes('/client/')),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('no `any` in src/', () => {
    const anys = src.flatMap((f) =>
      f.text
        .split('\n')
        .map((line, i) => ({ line, at: `${f.path}:${i + 1}` }))
        .filter(
          ({ line }) => /(:\s*any\b|<any>|\bas any\b)/.test(line) && !/^(\/\*|\*|\/\/)/.test(line.trim()),
        ),
    );
    expect(anys.map((a) => a.at)).toEqual([]);
  });

  test('no module-level `let` (no shared mutable state between clients)', () => {
    const lets = src.filter((f) => /^let\s/m.test(f.text)).map((f) => f.path);
    expect(lets).toEqual([]);
  });
});
