import { describe, expect, test } from 'vitest';
import { ENVIRONMENT_URLS, type Environment } from '../../src/config/types.js';
import { loadObject, MINIMAL } from './helpers.js';

describe('defaults', () => {
  test("are the official SDKs' where they have one, and ours elsewhere", () => {
    const config = loadObject(MINIMAL);
    expect(config).toMatchObject({
      environment: 'SANDBOX',
      baseUrl: 'https://sandbox.bluebutton.cms.gov',
      version: 2,
      retry: {
        total: 3,
        backoffFactor: 5,
        statusForcelist: [500, 502, 503, 504],
        maxDelayMs: 60_000,
        jitter: false,
      },
      tokenRefreshOnExpire: true,
      refreshSkewMs: 60_000,
      timeoutMs: 30_000,
      circuitBreaker: { threshold: 5, halfOpenAfterMs: 30_000 },
      hooks: {},
    });
    expect(config.deadlineMs).toBeUndefined();
    expect(config.tokenStore).toBeUndefined();
    expect(config.fetch).toBe(globalThis.fetch);
    expect(config.now).toBe(Date.now);
  });

  test.each(Object.entries(ENVIRONMENT_URLS))('environment %s uses %s', (environment, url) => {
    const config = loadObject({ ...MINIMAL, environment });
    expect(config.environment).toBe(environment as Environment);
    expect(config.baseUrl).toBe(url);
  });

  test.each(['sandbox', 'Production', ' test ', 'local'])(
    'environment names ignore case (%j)',
    (environment) => {
      expect(loadObject({ ...MINIMAL, environment }).environment).toBe(environment.trim().toUpperCase());
    },
  );

  test.each([
    [1, 1],
    [2, 2],
    [3, 3],
    ['1', 1],
    ['2', 2],
    ['3', 3],
  ])('version %j becomes %j', (version, expected) => {
    expect(loadObject({ ...MINIMAL, version }).version).toBe(expected);
  });

  test('partial retry settings keep the other defaults', () => {
    const config = loadObject({ ...MINIMAL, retrySettings: { total: 0, jitter: true } });
    expect(config.retry).toEqual({
      total: 0,
      backoffFactor: 5,
      statusForcelist: [500, 502, 503, 504],
      maxDelayMs: 60_000,
      jitter: true,
    });
  });

  test('partial circuit breaker settings keep the other default', () => {
    expect(loadObject({ ...MINIMAL, circuitBreaker: { threshold: 1 } }).circuitBreaker).toEqual({
      threshold: 1,
      halfOpenAfterMs: 30_000,
    });
  });

  test('circuitBreaker: false turns it off', () => {
    expect(loadObject({ ...MINIMAL, circuitBreaker: false }).circuitBreaker).toBe(false);
  });

  test('given values are kept', () => {
    const config = loadObject({
      ...MINIMAL,
      tokenRefreshOnExpire: false,
      refreshSkewMs: 0,
      timeoutMs: 5_000,
      deadlineMs: 120_000,
      retrySettings: { backoffFactor: 0, maxDelayMs: 0, statusForcelist: [] },
    });
    expect(config).toMatchObject({
      tokenRefreshOnExpire: false,
      refreshSkewMs: 0,
      timeoutMs: 5_000,
      deadlineMs: 120_000,
      retry: { backoffFactor: 0, maxDelayMs: 0, statusForcelist: [] },
    });
  });
});

describe('the resolved configuration', () => {
  test('is frozen, nested settings included', () => {
    const config = loadObject(MINIMAL);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.retry)).toBe(true);
    expect(Object.isFrozen(config.retry.statusForcelist)).toBe(true);
    expect(Object.isFrozen(config.circuitBreaker)).toBe(true);
    expect(Object.isFrozen(config.clientSecret)).toBe(true);
    expect(() => {
      (config as { timeoutMs: number }).timeoutMs = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.retry.statusForcelist as number[]).push(429);
    }).toThrow(TypeError);
  });

  test('does not share arrays with the input', () => {
    const statusForcelist = [500, 503];
    const config = loadObject({ ...MINIMAL, retrySettings: { statusForcelist } });
    statusForcelist.push(429);
    expect(config.retry.statusForcelist).toEqual([500, 503]);
  });

  test('does not change the input object', () => {
    const input = { ...MINIMAL, environment: 'sandbox', retrySettings: { total: 1 } };
    const before = structuredClone(input);
    loadObject(input, { BLUEBUTTON_VERSION: '3' });
    expect(input).toEqual(before);
  });
});
