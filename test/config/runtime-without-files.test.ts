/**
 * On a runtime without Node's built-ins (workerd, browsers) only a config object can be used; the same
 * path on Node reads the file. test/runtimes/ runs this for real on workerd.
 */
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { nodeAccess } from '../../src/config/node-access.js';
import { CALLBACK, expectConfigError, MINIMAL, MINIMAL_ENV, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

describe('config without file access', () => {
  test('a path is a CONFIG_INVALID that says to pass an object; on Node the same path loads', () => {
    const file = writeFile(
      makeDir(),
      'bb2.yaml',
      'client_id: a\nclient_secret: b\ncallback_url: https://a.example/cb\n',
    );
    expectConfigError(() => loadConfig(file, { env: {}, node: null }), {
      key: 'config',
      source: file,
      message: ['needs file access', 'pass a config object'],
    });
    expect(loadConfig(file, { env: {} }).clientId).toBe('a');
  });

  test('an object works', () => {
    expect(loadConfig(MINIMAL, { node: null })).toMatchObject({ callbackUrl: CALLBACK, source: 'object' });
  });

  test('no argument reads only the environment given (no default file is looked for)', () => {
    const cwd = makeDir();
    writeFile(cwd, '.bluebutton-config.json', '{"client_id": "from-file"}');
    const config = loadConfig(undefined, { cwd, env: MINIMAL_ENV, node: null });
    expect(config).toMatchObject({ clientId: MINIMAL_ENV.BLUEBUTTON_CLIENT_ID, source: 'environment' });
    expect(loadConfig(undefined, { cwd, env: MINIMAL_ENV }).clientId).toBe('from-file');
  });

  test('Node, where the tests run, has the door open', () => {
    expect(nodeAccess()?.cwd()).toBe(process.cwd());
  });
});
