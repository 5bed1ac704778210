import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type tests are compiled, never run: they hold the public contract (what must and must not compile).
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Every test file starts its own loopback servers; isolation by process keeps ports and state apart.
    pool: 'forks',
  },
});
