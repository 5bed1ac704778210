/**
 * Files written the way each official SDK documents them (our own equivalents of their samples) load
 * unchanged, and so do objects in either spelling.
 */
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { PythonSdkConfig } from '../../src/config/types.js';
import { expectConfigError, loadObject, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

describe('the Node SDK format (camelCase JSON)', () => {
  test('the basic sample', () => {
    const file = writeFile(
      makeDir(),
      '.bluebutton-config.json',
      JSON.stringify({
        clientId: 'node-id',
        clientSecret: 'node-secret',
        callbackUrl: 'https://www.example.org/',
        version: '1',
        environment: 'PRODUCTION',
      }),
    );
    const config = loadConfig(file, { env: {} });
    expect(config).toMatchObject({
      clientId: 'node-id',
      callbackUrl: 'https://www.example.org/',
      version: 1,
      environment: 'PRODUCTION',
      baseUrl: 'https://api.bluebutton.cms.gov',
      tokenRefreshOnExpire: true,
    });
    expect(config.clientSecret.reveal()).toBe('node-secret');
  });

  test('with tokenRefreshOnExpire: false', () => {
    const text = JSON.stringify({
      clientId: 'a',
      clientSecret: 'b',
      callbackUrl: 'https://www.example.org/',
      version: '1',
      environment: 'PRODUCTION',
      tokenRefreshOnExpire: false,
    });
    const config = loadConfig(writeFile(makeDir(), 'c.json', text), { env: {} });
    expect(config.tokenRefreshOnExpire).toBe(false);
  });

  test('with retrySettings', () => {
    const text = `{
      "clientId": "a", "clientSecret": "b", "callbackUrl": "https://www.example.org/",
      "version": "1", "environment": "PRODUCTION",
      "retrySettings": { "total": 2, "backoffFactor": 5, "statusForcelist": [500, 502, 503, 504, 508] }
    }`;
    const config = loadConfig(writeFile(makeDir(), 'c.json', text), { env: {} });
    expect(config.retry).toEqual({
      total: 2,
      backoffFactor: 5,
      statusForcelist: [500, 502, 503, 504, 508],
      maxDelayMs: 60_000,
      jitter: false,
    });
  });
});

describe('the Python SDK format (snake_case JSON and YAML)', () => {
  test('the JSON sample', () => {
    const text = `{
    "environment": "SANDBOX",
    "client_id": "py-id",
    "client_secret": "py-secret",
    "callback_url": "https://www.example.org/your/callback/here",
    "version": 3
}`;
    const config = loadConfig(writeFile(makeDir(), '.bluebutton-config.json', text), { env: {} });
    expect(config).toMatchObject({
      clientId: 'py-id',
      callbackUrl: 'https://www.example.org/your/callback/here',
      environment: 'SANDBOX',
      version: 3,
    });
    expect(config.clientSecret.reveal()).toBe('py-secret');
  });

  test('the YAML sample, comments included', () => {
    const text = `# BB2 target service SANDBOX or PRODUCTION
environment: "SANDBOX"

# Your BB2 account id and secret
client_id: "py-id"
client_secret: "py-secret"

# Your application's call back URL
callback_url: "https://www.example.org/sandbox/callback"

# BB2 version 1 or 2. If missing the SDK defaults to 2.
version: 1
`;
    const config = loadConfig(writeFile(makeDir(), 'my_bb2_sdk_conf.yaml', text), { env: {} });
    expect(config).toMatchObject({ clientId: 'py-id', environment: 'SANDBOX', version: 1 });
    expect(config.clientSecret.reveal()).toBe('py-secret');
  });

  test('with retry_settings and token_refresh_on_expire', () => {
    const text = `{
    "environment": "PRODUCTION",
    "client_id": "a",
    "client_secret": "b",
    "callback_url": "https://www.example.org/prod/callback",
    "version": 1,
    "token_refresh_on_expire": false,
    "retry_settings": { "total": 7, "backoff_factor": 10, "status_forcelist": [500, 502] }
}`;
    const config = loadConfig(writeFile(makeDir(), 'c.json', text), { env: {} });
    expect(config.tokenRefreshOnExpire).toBe(false);
    expect(config.retry).toMatchObject({ total: 7, backoffFactor: 10, statusForcelist: [500, 502] });
  });

  test('base_url is accepted', () => {
    const text =
      'client_id: a\nclient_secret: b\ncallback_url: http://localhost:3000/cb\nbase_url: http://localhost:8000/\n';
    expect(loadConfig(writeFile(makeDir(), 'c.yml', text), { env: {} }).baseUrl).toBe(
      'http://localhost:8000',
    );
  });

  test('a PythonSdkConfig object (a dict) is accepted as is', () => {
    const dict: PythonSdkConfig = {
      client_id: 'a',
      client_secret: 'b',
      callback_url: 'https://www.example.org/cb',
      environment: 'test',
      version: '2',
      retry_settings: { total: 1, backoff_factor: 0.5, status_forcelist: [503] },
    };
    const config = loadConfig(dict, { env: {} });
    expect(config).toMatchObject({
      environment: 'TEST',
      version: 2,
      baseUrl: 'https://test.bluebutton.cms.gov',
    });
    expect(config.retry).toMatchObject({ total: 1, backoffFactor: 0.5, statusForcelist: [503] });
  });
});

describe('spellings', () => {
  test('different keys may use different spellings', () => {
    const config = loadObject({ client_id: 'a', clientSecret: 'b', callback_url: 'https://x.example/cb' });
    expect(config.clientId).toBe('a');
  });

  test.each([
    [{ clientId: 'a', client_id: 'b' }, 'client_id', ['"clientId"', '"client_id"']],
    [
      { callback_url: 'https://x.example/cb', callbackUrl: 'https://x.example/cb' },
      'callbackUrl',
      ['"callback_url"'],
    ],
    [{ retrySettings: {}, retry_settings: {} }, 'retry_settings', ['"retrySettings"']],
    [
      { retrySettings: { backoffFactor: 1, backoff_factor: 1 } },
      'retrySettings.backoff_factor',
      ['"backoffFactor"'],
    ],
    [{ base_url: 'https://a.example', baseUrl: 'https://b.example' }, 'baseUrl', ['"base_url"']],
  ])('both spellings of one key in one object is an error (%j)', (object, key, message) => {
    expectConfigError(() => loadObject(object), {
      key,
      source: 'object',
      message: [...message, 'one spelling'],
    });
  });

  test('both spellings in one file is an error with the line of the second', () => {
    const dir = makeDir();
    const file = writeFile(dir, 'c.yaml', 'client_id: a\nclient_secret: b\nclientSecret: c\n');
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'clientSecret',
      source: file,
      line: 3,
      column: 1,
    });
  });

  test('the environment does not count as a second spelling', () => {
    const config = loadObject(
      { client_id: 'a', client_secret: 'b', callback_url: 'https://x.example/cb' },
      { BLUEBUTTON_CLIENT_ID: 'env' },
    );
    expect(config.clientId).toBe('a');
  });
});
