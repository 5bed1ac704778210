import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import {
  CALLBACK,
  CLIENT_ID,
  expectConfigError,
  loadObject,
  MINIMAL,
  SECRET,
  tempDirs,
  writeFile,
} from './helpers.js';

const makeDir = tempDirs();

const FULL_ENV = {
  BLUEBUTTON_CLIENT_ID: 'env-client',
  BLUEBUTTON_CLIENT_SECRET: 'env-secret',
  BLUEBUTTON_CALLBACK_URL: 'https://env.example.com/cb',
  BLUEBUTTON_ENVIRONMENT: 'test',
  BLUEBUTTON_VERSION: '3',
  BLUEBUTTON_BASE_URL: 'https://proxy.example.com/',
};

function jsonConfig(clientId: string): string {
  return JSON.stringify({ clientId, clientSecret: SECRET, callbackUrl: CALLBACK });
}

function yamlConfig(clientId: string): string {
  return `client_id: "${clientId}"\nclient_secret: "${SECRET}"\ncallback_url: "${CALLBACK}"\n`;
}

describe('an object', () => {
  test('is used as given, with source "object"', () => {
    const config = loadObject({ ...MINIMAL, environment: 'PRODUCTION' });
    expect(config.source).toBe('object');
    expect(config.clientId).toBe(CLIENT_ID);
    expect(config.clientSecret.reveal()).toBe(SECRET);
    expect(config.callbackUrl).toBe(CALLBACK);
    expect(config.environment).toBe('PRODUCTION');
  });

  test('needs no options when every setting is explicit', () => {
    const config = loadConfig({
      ...MINIMAL,
      environment: 'TEST',
      version: 1,
      baseUrl: 'https://bb.example.com',
    });
    expect(config.baseUrl).toBe('https://bb.example.com');
    expect(config.version).toBe(1);
  });

  test.each([
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['a boolean', true],
  ])('anything else (%s) is a ConfigError', (_kind, input) => {
    expectConfigError(() => loadConfig(input as unknown as string, { env: {} }), {
      key: 'config',
      source: 'object',
      message: ['file path or a config object'],
    });
  });
});

describe('a file path', () => {
  test.each(['json', 'yaml', 'yml'])('a .%s file relative to cwd is read', (extension) => {
    const dir = makeDir();
    const text = extension === 'json' ? jsonConfig('from-file') : yamlConfig('from-file');
    const file = writeFile(dir, `settings/bb2.${extension}`, text);
    const config = loadConfig(`settings/bb2.${extension}`, { cwd: dir, env: {} });
    expect(config.clientId).toBe('from-file');
    expect(config.clientSecret.reveal()).toBe(SECRET);
    expect(config.source).toBe(file);
  });

  test('an absolute path does not depend on cwd', () => {
    const dir = makeDir();
    const file = writeFile(dir, 'conf.json', jsonConfig('absolute'));
    expect(loadConfig(file, { cwd: makeDir(), env: {} }).clientId).toBe('absolute');
  });

  test('the extension is matched without regard to case', () => {
    const dir = makeDir();
    writeFile(dir, 'CONF.YML', yamlConfig('upper'));
    expect(loadConfig('CONF.YML', { cwd: dir, env: {} }).clientId).toBe('upper');
  });

  test.each([
    ['conf.toml', '".toml"'],
    ['conf.ini', '".ini"'],
    ['conf', 'no extension'],
  ])('%s is rejected, naming the extension', (name, fragment) => {
    const dir = makeDir();
    writeFile(dir, name, 'clientId = "x"');
    expectConfigError(() => loadConfig(name, { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, name),
      message: [fragment, '.json, .yaml or .yml'],
    });
  });

  test.each([
    ['empty.json', '  \n', 'the file is empty'],
    ['empty.yaml', '\n\t\n', 'the file is empty'],
    ['comments.yaml', '# client_id: a\n', 'the file holds no settings (it is empty or only comments)'],
  ])('%s: the whole message is "config: %s (in <path>)"', (name, text, expected) => {
    const dir = makeDir();
    const file = writeFile(dir, name, text);
    const error = expectConfigError(() => loadConfig(file, { env: {} }), { key: 'config', source: file });
    expect(error.message).toBe(`config: ${expected} (in ${file})`);
  });

  test('a missing file is a ConfigError naming the path', () => {
    const dir = makeDir();
    expectConfigError(() => loadConfig('missing.yaml', { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, 'missing.yaml'),
      message: ['does not exist'],
    });
  });

  test('a directory is a ConfigError', () => {
    const dir = makeDir();
    fs.mkdirSync(path.join(dir, 'folder.json'));
    expectConfigError(() => loadConfig('folder.json', { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, 'folder.json'),
      message: ['directory'],
    });
  });

  test.each([
    ['empty.json', ''],
    ['blank.json', ' \n\t\n'],
    ['empty.yaml', ''],
    ['blank.yml', '\n\n'],
  ])('an empty file (%s) is a ConfigError', (name, text) => {
    const dir = makeDir();
    writeFile(dir, name, text);
    expectConfigError(() => loadConfig(name, { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, name),
      message: ['empty'],
    });
  });

  test('a YAML file with only comments is a ConfigError', () => {
    const dir = makeDir();
    writeFile(dir, 'comments.yaml', '# client_id: x\n# nothing else\n');
    expectConfigError(() => loadConfig('comments.yaml', { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, 'comments.yaml'),
      message: ['no settings'],
    });
  });

  test.each([
    ['list.json', '[1, 2]', 'an array'],
    ['null.json', 'null', 'null'],
    ['scalar.yaml', 'just a string\n', 'a string'],
    ['list.yaml', '- client_id\n- client_secret\n', 'an array'],
  ])('a file whose top level is not a mapping (%s) is a ConfigError', (name, text, kind) => {
    const dir = makeDir();
    writeFile(dir, name, text);
    expectConfigError(() => loadConfig(name, { cwd: dir, env: {} }), {
      key: 'config',
      source: path.join(dir, name),
      message: ['mapping', kind],
    });
  });

  test('a byte-order mark at the start of a JSON file is ignored', () => {
    const dir = makeDir();
    writeFile(dir, 'bom.json', `\uFEFF${jsonConfig('bom')}`);
    expect(loadConfig('bom.json', { cwd: dir, env: {} }).clientId).toBe('bom');
  });
});

describe('no input: the default files in cwd', () => {
  test('.bluebutton-config.json wins over .yaml and .yml', () => {
    const dir = makeDir();
    const json = writeFile(dir, '.bluebutton-config.json', jsonConfig('json'));
    writeFile(dir, '.bluebutton-config.yaml', yamlConfig('yaml'));
    writeFile(dir, '.bluebutton-config.yml', yamlConfig('yml'));
    const config = loadConfig(undefined, { cwd: dir, env: {} });
    expect(config.clientId).toBe('json');
    expect(config.source).toBe(json);
  });

  test('.yaml wins over .yml', () => {
    const dir = makeDir();
    writeFile(dir, '.bluebutton-config.yaml', yamlConfig('yaml'));
    writeFile(dir, '.bluebutton-config.yml', yamlConfig('yml'));
    expect(loadConfig(undefined, { cwd: dir, env: {} }).clientId).toBe('yaml');
  });

  test('.yml is used when it is the only one', () => {
    const dir = makeDir();
    const yml = writeFile(dir, '.bluebutton-config.yml', yamlConfig('yml'));
    const config = loadConfig(undefined, { cwd: dir, env: {} });
    expect(config.clientId).toBe('yml');
    expect(config.source).toBe(yml);
  });

  test('a directory with a default name is skipped', () => {
    const dir = makeDir();
    fs.mkdirSync(path.join(dir, '.bluebutton-config.json'));
    writeFile(dir, '.bluebutton-config.yaml', yamlConfig('yaml'));
    expect(loadConfig(undefined, { cwd: dir, env: {} }).clientId).toBe('yaml');
  });

  test('a broken default file is an error, not a fall-through to the next one', () => {
    const dir = makeDir();
    const json = writeFile(dir, '.bluebutton-config.json', '{ "clientId": ');
    writeFile(dir, '.bluebutton-config.yaml', yamlConfig('yaml'));
    expectConfigError(() => loadConfig(undefined, { cwd: dir, env: {} }), { key: 'config', source: json });
  });

  test('without any file, the environment alone configures, with source "environment"', () => {
    const config = loadConfig(undefined, { cwd: makeDir(), env: FULL_ENV });
    expect(config).toMatchObject({
      source: 'environment',
      clientId: 'env-client',
      callbackUrl: 'https://env.example.com/cb',
      environment: 'TEST',
      version: 3,
      baseUrl: 'https://proxy.example.com',
    });
    expect(config.clientSecret.reveal()).toBe('env-secret');
  });

  test('without any file or variable, the error says where the setting can come from', () => {
    const error = expectConfigError(() => loadConfig(undefined, { cwd: makeDir(), env: {} }), {
      key: 'clientId',
      source: 'environment',
      message: ['BLUEBUTTON_CLIENT_ID', '.bluebutton-config.json'],
    });
    expect(error.line).toBeUndefined();
  });
});
