/**
 * README claims that can drift: its first lines give the two set-up commands, and every snippet marked
 * `<!-- example: path -->` is byte-identical to that example file (which npm test typechecks and runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  test('starts with the two set-up commands', () => {
    const lines = readme.split('\n').slice(0, 5).join('\n');
    expect(lines).toMatch(/^npm ci && npm start/m);
    expect(lines).toMatch(/^npm test/m);
  });

  const marked = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)];
  test('marks at least the callback, token store and sandbox examples', () => {
    expect(marked.map((m) => m[1])).toEqual(
      expect.arrayContaining([
        'examples/express-callback.ts',
        'examples/sql-token-store.ts',
        'examples/downstream-app.test.ts',
      ]),
    );
  });
  test.each(marked.map((m) => [m[1] ?? '', m[2] ?? '']))('the snippet of %s is the file', (path, snippet) => {
    expect(snippet).toBe(readFileSync(join(ROOT, path), 'utf8').trimEnd());
  });
});
