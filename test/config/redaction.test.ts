import { format, inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createSecret } from '../../src/config/secret.js';
import { CLIENT_ID, expectNoLeak, loadObject, MINIMAL, SECRET, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

function renderings(value: unknown): string[] {
  return [
    inspect(value),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(value),
    String(value),
    `${value}`,
    format('%s %o %O %j', value, value, value, value),
  ];
}

describe('createSecret', () => {
  test('prints as [redacted] every way, and reveal() gives the value', () => {
    const secret = createSecret(SECRET);
    expect(secret.reveal()).toBe(SECRET);
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect(`${'x'}${secret}`).toBe('x[redacted]');
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect(secret)).toBe('[redacted]');
    expect(inspect({ secret })).toBe('{ secret: [redacted] }');
    for (const text of renderings(secret)) expect(text).not.toContain(SECRET);
  });

  test('copying it does not expose the value', () => {
    const secret = createSecret(SECRET);
    expect(Object.keys(secret)).toEqual([]);
    expect(JSON.stringify({ ...secret })).toBe('{}');
    expect(Object.getOwnPropertyNames(secret)).toEqual([]);
    expect(inspect(secret, { customInspect: false, showHidden: true })).not.toContain(SECRET);
    expect(Object.isFrozen(secret)).toBe(true);
  });

  test('each secret keeps its own value', () => {
    const a = createSecret('a');
    const b = createSecret('b');
    expect([a.reveal(), b.reveal()]).toEqual(['a', 'b']);
  });
});

describe('the resolved configuration never prints the secret', () => {
  test.each([
    ['an object', () => loadObject(MINIMAL)],
    [
      'the environment',
      () =>
        loadConfig(undefined, {
          cwd: makeDir(),
          env: {
            BLUEBUTTON_CLIENT_ID: CLIENT_ID,
            BLUEBUTTON_CLIENT_SECRET: SECRET,
            BLUEBUTTON_CALLBACK_URL: 'https://a.example/cb',
          },
        }),
    ],
    [
      'a YAML file',
      () =>
        loadConfig(
          writeFile(
            makeDir(),
            'bb2.yaml',
            `client_id: ${CLIENT_ID}\nclient_secret: ${SECRET}\ncallback_url: https://a.example/cb\n`,
          ),
          { env: {} },
        ),
    ],
  ])('loaded from %s', (_source, load) => {
    const config = load();
    expect(config.clientSecret.reveal()).toBe(SECRET);
    for (const text of renderings(config)) expect(text).not.toContain(SECRET);
    expect(inspect(config)).toContain('clientSecret: [redacted]');
    expect(JSON.stringify(config)).toContain('"clientSecret":"[redacted]"');
  });
});

describe('errors never carry the secret or the client id', () => {
  const dir = (): string => makeDir();
  const failures: [string, () => unknown][] = [
    ['a bad callback URL', () => loadObject({ ...MINIMAL, callbackUrl: 'nope' })],
    ['a bad environment', () => loadObject({ ...MINIMAL, environment: 'staging' })],
    ['the secret as the environment name', () => loadObject({ ...MINIMAL, environment: SECRET })],
    ['the client id as the version', () => loadObject({ ...MINIMAL, version: CLIENT_ID })],
    ['the secret as a number of retries', () => loadObject({ ...MINIMAL, retrySettings: { total: SECRET } })],
    ['the secret as the base URL', () => loadObject({ ...MINIMAL, baseUrl: SECRET })],
    [
      'the secret as the callback URL',
      () => loadObject({ ...MINIMAL, callbackUrl: `https://a.example/${SECRET}#x` }),
    ],
    [
      'credentials in the base URL',
      () => loadObject({ ...MINIMAL, baseUrl: `https://${CLIENT_ID}:${SECRET}@a.example` }),
    ],
    ['a secret of the wrong type', () => loadObject({ ...MINIMAL, clientSecret: [SECRET] })],
    [
      'a bad variable',
      () =>
        loadObject({ clientId: CLIENT_ID }, { BLUEBUTTON_CLIENT_SECRET: SECRET, BLUEBUTTON_VERSION: SECRET }),
    ],
    [
      'a JSON error next to the secret',
      () =>
        loadConfig(writeFile(dir(), 'a.json', `{"clientId": "${CLIENT_ID}", "clientSecret": ${SECRET}}`), {
          env: {},
        }),
    ],
    [
      'a YAML error next to the secret',
      () =>
        loadConfig(writeFile(dir(), 'a.yaml', `client_id: ${CLIENT_ID}\nclient_secret: "${SECRET}\n`), {
          env: {},
        }),
    ],
    [
      'a YAML error on the secret line',
      () => loadConfig(writeFile(dir(), 'a.yaml', `client_secret: ${SECRET}: ${CLIENT_ID}\n`), { env: {} }),
    ],
    [
      'a numeric secret in YAML',
      () =>
        loadConfig(writeFile(dir(), 'a.yaml', `client_id: a\nclient_secret: 98765432123456789\n`), {
          env: {},
        }),
    ],
  ];

  test.each(failures)('%s', (_what, fail) => {
    let thrown: unknown;
    try {
      fail();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expectNoLeak(thrown);
    expect(String(thrown)).not.toContain('98765432123456789');
  });
});
