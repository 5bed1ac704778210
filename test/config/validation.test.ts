import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { CLIENT_ID, expectConfigError, loadObject, MINIMAL, SECRET, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

type Case = readonly [
  description: string,
  settings: Record<string, unknown>,
  key: string,
  message: readonly string[],
];

function rejects([, settings, key, message]: Case): void {
  expectConfigError(() => loadObject({ ...MINIMAL, ...settings }), { key, source: 'object', message });
}

describe('required settings', () => {
  test.each([
    ['clientId', 'client_id', 'BLUEBUTTON_CLIENT_ID'],
    ['clientSecret', 'client_secret', 'BLUEBUTTON_CLIENT_SECRET'],
    ['callbackUrl', 'callback_url', 'BLUEBUTTON_CALLBACK_URL'],
  ] as const)('a missing %s says which and where it could come from', (key, snake, variable) => {
    const { [key]: _omitted, ...rest } = MINIMAL;
    const error = expectConfigError(() => loadObject(rest), {
      key,
      source: 'object',
      message: ['missing', `"${key}"`, `"${snake}"`, 'in the config object'],
    });
    // An object is taken as given, so the variable would not help.
    expect(error.message).not.toContain(variable);
  });

  test.each<Case>([
    ['empty client id', { clientId: '' }, 'clientId', ['non-empty string', 'empty string']],
    ['blank secret', { clientSecret: '   ' }, 'clientSecret', ['non-empty string']],
    ['numeric client id', { clientId: 12345 }, 'clientId', ['a number', 'quote it']],
    ['object secret', { clientSecret: { value: SECRET } }, 'clientSecret', ['an object']],
  ])('%s is rejected', (...testCase) => rejects(testCase));
});

describe('environment and version', () => {
  test.each<Case>([
    [
      'an unknown name',
      { environment: 'staging' },
      'environment',
      ['"staging"', 'SANDBOX, PRODUCTION, TEST, LOCAL'],
    ],
    ['a number', { environment: 1 }, 'environment', ['unknown environment 1']],
    ['an empty string', { environment: '' }, 'environment', ['unknown environment']],
  ])('environment: %s is rejected, listing the valid ones', (...testCase) => rejects(testCase));

  test.each<Case>([
    ['4', { version: 4 }, 'version', ['must be 1, 2 or 3', '(got 4)']],
    ['"4"', { version: '4' }, 'version', ['(got "4")']],
    ['0', { version: 0 }, 'version', ['must be 1, 2 or 3']],
    ['2.5', { version: 2.5 }, 'version', ['must be 1, 2 or 3']],
    ['"v2"', { version: 'v2' }, 'version', ['must be 1, 2 or 3']],
    ['" 2"', { version: ' 2' }, 'version', ['must be 1, 2 or 3']],
    ['true', { version: true }, 'version', ['must be 1, 2 or 3']],
  ])('version %s is rejected', (...testCase) => rejects(testCase));
});

describe('callbackUrl', () => {
  test.each([
    'https://app.example.com/cb',
    'http://localhost:3000/callback',
    'https://app.example.com/cb?x=1',
  ])('%s is accepted as written', (callbackUrl) => {
    expect(loadObject({ ...MINIMAL, callbackUrl }).callbackUrl).toBe(callbackUrl);
  });

  test.each<Case>([
    ['a relative path', { callbackUrl: '/callback' }, 'callbackUrl', ['absolute http:// or https:// URL']],
    ['no scheme', { callbackUrl: 'app.example.com/cb' }, 'callbackUrl', ['absolute']],
    ['ftp', { callbackUrl: 'ftp://app.example.com/cb' }, 'callbackUrl', ['absolute http://']],
    ['a custom scheme', { callbackUrl: 'myapp://callback' }, 'callbackUrl', ['absolute http://']],
    ['a fragment', { callbackUrl: 'https://app.example.com/cb#done' }, 'callbackUrl', ['fragment']],
    ['a number', { callbackUrl: 8080 }, 'callbackUrl', ['non-empty string']],
  ])('%s is rejected', (...testCase) => rejects(testCase));
});

describe('retry settings', () => {
  test.each<Case>([
    [
      'negative backoffFactor',
      { retrySettings: { backoffFactor: -1 } },
      'retrySettings.backoffFactor',
      ['>= 0', '-1'],
    ],
    [
      'string backoffFactor',
      { retrySettings: { backoffFactor: '5' } },
      'retrySettings.backoffFactor',
      ['a number'],
    ],
    [
      'NaN backoffFactor',
      { retrySettings: { backoffFactor: Number.NaN } },
      'retrySettings.backoffFactor',
      ['a number'],
    ],
    ['fractional total', { retrySettings: { total: 1.5 } }, 'retrySettings.total', ['an integer >= 0']],
    ['negative total', { retrySettings: { total: -1 } }, 'retrySettings.total', ['an integer >= 0']],
    ['string total', { retrySettings: { total: '3' } }, 'retrySettings.total', ['an integer >= 0']],
    [
      'string statusForcelist',
      { retrySettings: { statusForcelist: '500' } },
      'retrySettings.statusForcelist',
      ['list of HTTP status codes'],
    ],
    [
      'a string item',
      { retrySettings: { statusForcelist: [500, '503'] } },
      'retrySettings.statusForcelist',
      ['item 1'],
    ],
    [
      'status 99',
      { retrySettings: { statusForcelist: [99] } },
      'retrySettings.statusForcelist',
      ['item 0 is 99'],
    ],
    [
      'status 600',
      { retrySettings: { statusForcelist: [500, 600] } },
      'retrySettings.statusForcelist',
      ['item 1 is 600'],
    ],
    [
      'status 500.5',
      { retrySettings: { statusForcelist: [500.5] } },
      'retrySettings.statusForcelist',
      ['integers 100-599'],
    ],
    ['negative maxDelayMs', { retrySettings: { maxDelayMs: -1 } }, 'retrySettings.maxDelayMs', ['>= 0']],
    [
      'string jitter',
      { retrySettings: { jitter: 'yes' } },
      'retrySettings.jitter',
      ['true or false', '"yes"'],
    ],
    ['a non-object', { retrySettings: 'fast' }, 'retrySettings', ['must be an object', 'a string']],
    ['an array', { retrySettings: [3, 5] }, 'retrySettings', ['must be an object', 'an array']],
    ['false', { retrySettings: false }, 'retrySettings', ['must be an object']],
    ['snake_case key', { retry_settings: { backoff_factor: -2 } }, 'retry_settings.backoff_factor', ['>= 0']],
  ])('%s is rejected', (...testCase) => rejects(testCase));

  test('zero retries and a zero backoff factor are valid', () => {
    expect(loadObject({ ...MINIMAL, retrySettings: { total: 0, backoffFactor: 0 } }).retry).toMatchObject({
      total: 0,
      backoffFactor: 0,
    });
  });
});

describe('time limits, circuit breaker, flags', () => {
  test.each<Case>([
    ['zero timeoutMs', { timeoutMs: 0 }, 'timeoutMs', ['> 0']],
    ['negative timeoutMs', { timeoutMs: -5 }, 'timeoutMs', ['> 0']],
    ['infinite timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs', ['a number']],
    ['timeoutMs beyond setTimeout', { timeoutMs: 2 ** 31 }, 'timeoutMs', ['<= 2147483647']],
    ['string timeoutMs', { timeoutMs: '30000' }, 'timeoutMs', ['a number', '"30000"']],
    ['zero deadlineMs', { deadlineMs: 0 }, 'deadlineMs', ['> 0']],
    ['negative refreshSkewMs', { refreshSkewMs: -1 }, 'refreshSkewMs', ['>= 0']],
    ['threshold 0', { circuitBreaker: { threshold: 0 } }, 'circuitBreaker.threshold', ['an integer >= 1']],
    [
      'threshold 1.5',
      { circuitBreaker: { threshold: 1.5 } },
      'circuitBreaker.threshold',
      ['an integer >= 1'],
    ],
    [
      'negative halfOpenAfterMs',
      { circuitBreaker: { halfOpenAfterMs: -1 } },
      'circuitBreaker.halfOpenAfterMs',
      ['>= 0'],
    ],
    ['circuitBreaker: true', { circuitBreaker: true }, 'circuitBreaker', ['an object or false']],
    [
      'tokenRefreshOnExpire "yes"',
      { tokenRefreshOnExpire: 'yes' },
      'tokenRefreshOnExpire',
      ['true or false', '"yes"'],
    ],
    [
      'tokenRefreshOnExpire 1',
      { tokenRefreshOnExpire: 1 },
      'tokenRefreshOnExpire',
      ['true or false', '(got 1)'],
    ],
  ])('%s is rejected', (...testCase) => rejects(testCase));

  test('a threshold of 1 is valid', () => {
    expect(loadObject({ ...MINIMAL, circuitBreaker: { threshold: 1 } }).circuitBreaker).toMatchObject({
      threshold: 1,
    });
  });
});

describe('errors from files', () => {
  test('name the key as written, the file, and the line and column of the key', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      `client_id: "${CLIENT_ID}"\nclient_secret: "${SECRET}"\ncallback_url: https://a.example/cb\ntoken_refresh_on_expire: "yes"\n`,
    );
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'token_refresh_on_expire',
      source: file,
      line: 4,
      column: 1,
      message: ['true or false', `${file}:4:1`],
    });
  });

  test('a nested key in YAML points at the nested key', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yml',
      'client_id: a\nclient_secret: b\ncallback_url: https://a.example/cb\nretry_settings:\n  total: 3\n  status_forcelist: [500, 999]\n',
    );
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'retry_settings.status_forcelist',
      source: file,
      line: 6,
      column: 3,
      message: ['item 1 is 999'],
    });
  });

  test('a key in JSON is located too', () => {
    const text =
      '{\n\t"clientId": "a",\n\t"clientSecret": "b",\n\t"callbackUrl": "https://a.example/cb",\n\t"version": 7\n}';
    const file = writeFile(makeDir(), 'bb2.json', text);
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'version',
      source: file,
      line: 5,
      column: 2,
    });
  });

  test('an unquoted numeric id in YAML asks to quote it', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      'client_id: 1234567\nclient_secret: b\ncallback_url: https://a.example/cb\n',
    );
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'client_id',
      source: file,
      line: 1,
      column: 1,
      message: ['quote it'],
    });
  });

  test('an empty YAML value counts as unset, so the environment can fill it', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      'client_id: a\nclient_secret:\ncallback_url: https://a.example/cb\n',
    );
    const config = loadConfig(file, { env: { BLUEBUTTON_CLIENT_SECRET: 'from-env' } });
    expect(config.clientSecret.reveal()).toBe('from-env');
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'clientSecret',
      source: file,
      message: ['missing'],
    });
  });

  test('YAML 1.1 booleans stay strings and are rejected', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      'client_id: a\nclient_secret: b\ncallback_url: https://a.example/cb\ntoken_refresh_on_expire: yes\n',
    );
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'token_refresh_on_expire',
      source: file,
      line: 4,
      column: 1,
    });
  });
});
