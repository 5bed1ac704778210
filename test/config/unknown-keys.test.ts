import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { closestMatch, editDistance } from '../../src/config/suggest.js';
import { expectConfigError, loadObject, MINIMAL, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

describe('unknown keys are errors with a suggestion', () => {
  test.each([
    [{ clientSecrt: 'x' }, 'clientSecrt', 'clientSecret'],
    [{ client_secrte: 'x' }, 'client_secrte', 'client_secret'],
    [{ callbackURL: 'x' }, 'callbackURL', 'callbackUrl'],
    [{ callback: 'x' }, 'callback', 'callbackUrl'],
    [{ timeout_ms: 1 }, 'timeout_ms', 'timeoutMs'],
    [{ enviroment: 'SANDBOX' }, 'enviroment', 'environment'],
    [{ tokenRefreshOnExpiry: true }, 'tokenRefreshOnExpiry', 'tokenRefreshOnExpire'],
    [{ baseURL: 'https://a.example' }, 'baseURL', 'baseUrl'],
    [{ retrySettings: { backofFactor: 1 } }, 'retrySettings.backofFactor', 'backoffFactor'],
    [{ retry_settings: { backof_factor: 1 } }, 'retry_settings.backof_factor', 'backoff_factor'],
    [{ retrySettings: { statusForceList: [500] } }, 'retrySettings.statusForceList', 'statusForcelist'],
    [{ retry_settings: { totl: 1 } }, 'retry_settings.totl', 'total'],
    [{ circuitBreaker: { treshold: 3 } }, 'circuitBreaker.treshold', 'threshold'],
  ])('%j -> did you mean "%s"?', (settings, key, suggestion) => {
    expectConfigError(() => loadObject({ ...MINIMAL, ...settings }), {
      key,
      source: 'object',
      message: ['unknown key', `did you mean "${suggestion}"?`],
    });
  });

  test('a key close to nothing lists the known keys instead', () => {
    const error = expectConfigError(() => loadObject({ ...MINIMAL, redirect_uri: 'https://a.example/cb' }), {
      key: 'redirect_uri',
      source: 'object',
      message: ['unknown key', 'known keys: clientId, clientSecret, callbackUrl'],
    });
    expect(error.message).not.toContain('did you mean');
  });

  test("an unknown nested key lists that level's keys", () => {
    expectConfigError(() => loadObject({ ...MINIMAL, retrySettings: { delay: 1 } }), {
      key: 'retrySettings.delay',
      source: 'object',
      message: ['known keys: total, backoffFactor, statusForcelist, maxDelayMs, jitter'],
    });
  });

  test('in a YAML file, with the line and column of the key', () => {
    const text =
      'client_id: a\nclient_secret: b\ncallback_url: https://a.example/cb\nretry_settings:\n  total: 2\n  backof_factor: 3\n';
    const file = writeFile(makeDir(), 'bb2.yaml', text);
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'retry_settings.backof_factor',
      source: file,
      line: 6,
      column: 3,
      message: ['did you mean "backoff_factor"?', `${file}:6:3`],
    });
  });

  test('in a JSON file, with the line and column of the key', () => {
    const text =
      '{\n  "clientId": "a",\n  "clientSecret": "b",\n  "callbackUrl": "https://a.example/cb",\n  "enviroment": "SANDBOX"\n}';
    const file = writeFile(makeDir(), 'bb2.json', text);
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'enviroment',
      source: file,
      line: 5,
      column: 3,
      message: ['did you mean "environment"?'],
    });
  });

  test('keys such as __proto__ are unknown keys, not prototypes', () => {
    const file = writeFile(makeDir(), 'bb2.json', '{"__proto__": {"clientId": "a"}}');
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: '__proto__',
      source: file,
      line: 1,
      column: 2,
    });
  });
});

describe('options only an object can hold', () => {
  test.each([
    ['bb2.json', '{"clientId": "a", "fetch": "node-fetch"}', 'fetch', 1, 19],
    ['bb2.yaml', 'client_id: a\nhooks:\n  onRequest: log\n', 'hooks', 2, 1],
    ['bb2.yml', 'tokenStore: redis\n', 'tokenStore', 1, 1],
    ['bb2.yaml', 'now: 1700000000000\n', 'now', 1, 1],
  ])('are rejected in a file (%s: %s)', (name, text, key, line, column) => {
    const file = writeFile(makeDir(), name, text);
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key,
      source: file,
      line,
      column,
      message: ['only be set in a config object'],
    });
  });
});

describe('closestMatch', () => {
  const keys = ['clientId', 'client_id', 'clientSecret', 'client_secret', 'version', 'now'];

  test.each([
    ['clientid', 'clientId'],
    ['client-id', 'client_id'],
    ['CLIENT_SECRET', 'client_secret'],
    ['versoin', 'version'],
    ['nwo', 'now'],
  ])('%s -> %s', (word, expected) => {
    expect(closestMatch(word, keys)).toBe(expected);
  });

  test.each(['environment_name', 'x', 'hooks'])('%s -> nothing', (word) => {
    expect(closestMatch(word, keys)).toBeUndefined();
  });

  test('with no candidates, nothing', () => {
    expect(closestMatch('a', [])).toBeUndefined();
  });

  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
  ])('editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
