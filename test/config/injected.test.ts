import { describe, expect, test } from 'vitest';
import { createMemoryTokenStore, type StoredToken } from '../../src/auth/token-store.js';
import type { Hooks } from '../../src/hooks.js';
import { expectConfigError, loadObject, MINIMAL } from './helpers.js';

describe('fetch and now', () => {
  test('are kept as given', () => {
    const fetch: typeof globalThis.fetch = async () => new Response('{}');
    const now = (): number => 42;
    const config = loadObject({ ...MINIMAL, fetch, now });
    expect(config.fetch).toBe(fetch);
    expect(config.now).toBe(now);
    expect(config.now()).toBe(42);
  });

  test.each([
    ['fetch', 'https://proxy.example.com'],
    ['now', 1_700_000_000_000],
  ])('%s that is not a function is rejected', (key, value) => {
    expectConfigError(() => loadObject({ ...MINIMAL, [key]: value }), {
      key,
      source: 'object',
      message: ['must be a function'],
    });
  });
});

describe('hooks', () => {
  test('a plain object of functions is kept as given', () => {
    const hooks: Hooks = { onRequest: () => {}, onRetry: () => {} };
    expect(loadObject({ ...MINIMAL, hooks }).hooks).toBe(hooks);
  });

  test('a class instance keeps its methods and its own state', () => {
    class Logger implements Hooks {
      readonly lines: string[] = [];
      onRequest(): void {
        this.lines.push('request');
      }
    }
    const logger = new Logger();
    const config = loadObject({ ...MINIMAL, hooks: logger });
    config.hooks.onRequest?.({ method: 'GET', path: '/', attempt: 1 });
    expect(logger.lines).toEqual(['request']);
  });

  test('a misspelled hook is an error with a suggestion', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, hooks: { onRequst: () => {} } }), {
      key: 'hooks.onRequst',
      source: 'object',
      message: ['unknown hook', 'did you mean "onRequest"?'],
    });
  });

  test('an unrelated key lists the hooks', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, hooks: { logger: console } }), {
      key: 'hooks.logger',
      source: 'object',
      message: ['known hooks: onRequest, onResponse, onRetry, onCircuitOpen, onPageWalk, onTokenRefresh'],
    });
  });

  test('a hook that is not a function is an error', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, hooks: { onRetry: 'log' } }), {
      key: 'hooks.onRetry',
      source: 'object',
      message: ['must be a function', 'a string'],
    });
  });

  test.each([
    ['a function', () => {}],
    ['an array', []],
    ['a string', 'x'],
  ])('hooks as %s is an error', (kind, hooks) => {
    expectConfigError(() => loadObject({ ...MINIMAL, hooks }), {
      key: 'hooks',
      source: 'object',
      message: [kind],
    });
  });
});

describe('tokenStore', () => {
  test('the memory store is accepted as given', () => {
    const tokenStore = createMemoryTokenStore();
    expect(loadObject({ ...MINIMAL, tokenStore }).tokenStore).toBe(tokenStore);
  });

  test('a class instance with prototype methods is accepted', () => {
    class Store {
      async get(): Promise<StoredToken | undefined> {
        return undefined;
      }
      async compareAndSet(): Promise<boolean> {
        return true;
      }
    }
    const tokenStore = new Store();
    expect(loadObject({ ...MINIMAL, tokenStore }).tokenStore).toBe(tokenStore);
  });

  test('a store without compareAndSet is an error naming the method', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, tokenStore: { get: async () => undefined } }), {
      key: 'tokenStore.compareAndSet',
      source: 'object',
      message: ['must be a function', 'undefined'],
    });
  });

  test('a store that is not an object is an error', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, tokenStore: 'redis://localhost' }), {
      key: 'tokenStore',
      source: 'object',
      message: ['TokenStore'],
    });
  });
});
