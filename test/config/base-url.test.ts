import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { expectConfigError, loadObject, MINIMAL, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

describe('baseUrl', () => {
  test.each([
    ['https://bb.example.com', 'https://bb.example.com'],
    ['https://bb.example.com/', 'https://bb.example.com'],
    ['https://bb.example.com:8443/', 'https://bb.example.com:8443'],
    ['https://BB.Example.COM', 'https://bb.example.com'],
    ['https://bb.example.com:443', 'https://bb.example.com'],
  ])('%s is stored as %s (no trailing slash)', (baseUrl, expected) => {
    expect(loadObject({ ...MINIMAL, baseUrl }).baseUrl).toBe(expected);
  });

  test('overrides the environment URL but keeps the environment', () => {
    const config = loadObject({
      ...MINIMAL,
      environment: 'PRODUCTION',
      baseUrl: 'https://proxy.example.com',
    });
    expect(config).toMatchObject({ environment: 'PRODUCTION', baseUrl: 'https://proxy.example.com' });
  });

  test.each([
    'http://localhost:8000',
    'http://localhost',
    'http://LOCALHOST:8000/',
    'http://127.0.0.1:8000',
    'http://[::1]:8000',
  ])('plain http to the loopback host %s is allowed in any environment', (baseUrl) => {
    expect(loadObject({ ...MINIMAL, environment: 'PRODUCTION', baseUrl }).baseUrl).toMatch(/^http:\/\//);
  });

  test('plain http to any host is allowed with environment LOCAL', () => {
    const config = loadObject({ ...MINIMAL, environment: 'local', baseUrl: 'http://bb2.internal:8000' });
    expect(config.baseUrl).toBe('http://bb2.internal:8000');
  });

  test('environment LOCAL alone uses http://localhost:8000', () => {
    expect(loadObject({ ...MINIMAL, environment: 'LOCAL' }).baseUrl).toBe('http://localhost:8000');
  });

  test.each([
    ['SANDBOX', 'http://bb.example.com'],
    ['TEST', 'http://10.0.0.5:8000'],
    ['PRODUCTION', 'http://127.0.0.2'],
    ['SANDBOX', 'http://localhost.example.com'],
  ])('plain http to a non-loopback host with %s is rejected (%s)', (environment, baseUrl) => {
    expectConfigError(() => loadObject({ ...MINIMAL, environment, baseUrl }), {
      key: 'baseUrl',
      source: 'object',
      message: ['https://', 'LOCAL', 'localhost, 127.0.0.1, [::1]'],
    });
  });

  test.each([
    ['a query', 'https://bb.example.com/?x=1'],
    ['an empty query', 'https://bb.example.com?'],
    ['a fragment', 'https://bb.example.com/#top'],
  ])('a base URL with %s is rejected', (_what, baseUrl) => {
    expectConfigError(() => loadObject({ ...MINIMAL, baseUrl }), {
      key: 'baseUrl',
      source: 'object',
      message: ['query or fragment'],
    });
  });

  test.each([
    ['a version path', 'https://bb.example.com/v2'],
    ['a version path with a trailing slash', 'https://bb.example.com/api/v3/'],
  ])('a base URL ending in %s is rejected (the SDK adds the version)', (_what, baseUrl) => {
    expectConfigError(() => loadObject({ ...MINIMAL, baseUrl }), {
      key: 'baseUrl',
      source: 'object',
      message: ['must not end with an API version'],
    });
  });

  test.each([
    ['https://proxy.example.org/bb2', 'https://proxy.example.org/bb2'],
    ['https://proxy.example.org/api/bb2/', 'https://proxy.example.org/api/bb2'],
  ])('a proxy path prefix is kept without its trailing slash (%s)', (baseUrl, expected) => {
    expect(loadObject({ ...MINIMAL, baseUrl }).baseUrl).toBe(expected);
  });

  test.each([
    ['no scheme', 'sandbox.bluebutton.cms.gov'],
    ['another scheme', 'ftp://bb.example.com'],
    ['not a URL', 'https://'],
  ])('a base URL with %s is rejected', (_what, baseUrl) => {
    expectConfigError(() => loadObject({ ...MINIMAL, baseUrl }), {
      key: 'baseUrl',
      source: 'object',
      message: ['absolute http:// or https:// URL'],
    });
  });

  test('credentials in the base URL are rejected', () => {
    expectConfigError(() => loadObject({ ...MINIMAL, baseUrl: 'https://user:pw@bb.example.com' }), {
      key: 'baseUrl',
      source: 'object',
      message: ['user name or password'],
    });
  });

  test('from the environment, the variable is named', () => {
    expectConfigError(() => loadObject(MINIMAL, { BLUEBUTTON_BASE_URL: 'https://bb.example.com/v2/' }), {
      key: 'BLUEBUTTON_BASE_URL',
      source: 'environment',
    });
  });

  test('the http rule uses the environment from any source', () => {
    const config = loadObject(MINIMAL, {
      BLUEBUTTON_ENVIRONMENT: 'LOCAL',
      BLUEBUTTON_BASE_URL: 'http://sandbox:8000',
    });
    expect(config).toMatchObject({ environment: 'LOCAL', baseUrl: 'http://sandbox:8000' });
  });

  test('from a file, base_url is located', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      'client_id: a\nclient_secret: b\ncallback_url: https://a.example/cb\nenvironment: SANDBOX\nbase_url: http://bb.example.com\n',
    );
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'base_url',
      source: file,
      line: 5,
      column: 1,
    });
  });
});
