import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  // Examples and tests import the package by name, as users do; in the repo that name means src/.
  resolve: {
    alias: [
      { find: /^bluebutton-ts\/sandbox$/, replacement: src('sandbox/index.ts') },
      { find: /^bluebutton-ts\/claims$/, replacement: src('claims/index.ts') },
      { find: /^bluebutton-ts\/stores\/postgres$/, replacement: src('stores/postgres/index.ts') },
      { find: /^bluebutton-ts\/stores\/redis$/, replacement: src('stores/redis/index.ts') },
      { find: /^bluebutton-ts\/sync$/, replacement: src('sync/index.ts') },
      { find: /^bluebutton-ts\/telemetry$/, replacement: src('telemetry/index.ts') },
      { find: /^bluebutton-ts$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Type tests are compiled, never run: they hold the public contract (what must and must not compile).
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      // By path: node_modules/.bin/tsc may be the TypeScript 4.9 alias that test/package compiles a consumer with.
      checker: fileURLToPath(new URL('./node_modules/typescript/bin/tsc', import.meta.url)),
    },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every test file starts its own loopback servers; isolation by process keeps ports and state apart.
    pool: 'forks',
  },
});
