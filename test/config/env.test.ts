import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import {
  CALLBACK,
  CLIENT_ID,
  expectConfigError,
  loadFromEnvironment,
  loadObject,
  MINIMAL,
  MINIMAL_ENV,
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

describe('environment variables', () => {
  test('make the whole configuration when no argument is given and no default file exists', () => {
    const config = loadFromEnvironment(FULL_ENV);
    expect(config.clientId).toBe('env-client');
    expect(config.clientSecret.reveal()).toBe('env-secret');
    expect(config).toMatchObject({
      callbackUrl: 'https://env.example.com/cb',
      environment: 'TEST',
      version: 3,
      baseUrl: 'https://proxy.example.com',
      source: 'environment',
    });
  });

  test('never complete an object: it is taken as given', () => {
    expectConfigError(() => loadObject({ clientId: CLIENT_ID }, FULL_ENV), {
      key: 'clientSecret',
      source: 'object',
      message: ['missing'],
    });
    // BLUEBUTTON_ENVIRONMENT=PRODUCTION must not turn a sandbox object into production.
    const config = loadObject(MINIMAL, { ...FULL_ENV, BLUEBUTTON_ENVIRONMENT: 'PRODUCTION' });
    expect(config).toMatchObject({
      environment: 'SANDBOX',
      version: 2,
      baseUrl: 'https://sandbox.bluebutton.cms.gov',
      callbackUrl: CALLBACK,
      source: 'object',
    });
    expect(config.clientSecret.reveal()).toBe(SECRET);
  });

  test('fill what a file leaves out, and the source stays the file', () => {
    const dir = makeDir();
    const file = writeFile(dir, 'partial.yaml', 'client_id: file-client\nenvironment: production\n');
    const config = loadConfig(file, { env: FULL_ENV });
    expect(config).toMatchObject({
      clientId: 'file-client',
      environment: 'PRODUCTION',
      version: 3,
      source: file,
    });
    expect(config.clientSecret.reveal()).toBe('env-secret');
  });

  test('never override explicit values', () => {
    const config = loadObject(
      { ...MINIMAL, environment: 'SANDBOX', version: '1', baseUrl: 'https://explicit.example.com' },
      FULL_ENV,
    );
    expect(config).toMatchObject({
      clientId: CLIENT_ID,
      callbackUrl: CALLBACK,
      environment: 'SANDBOX',
      version: 1,
      baseUrl: 'https://explicit.example.com',
    });
    expect(config.clientSecret.reveal()).toBe(SECRET);
  });

  test('an empty variable counts as unset', () => {
    const config = loadFromEnvironment({
      ...MINIMAL_ENV,
      BLUEBUTTON_BASE_URL: '',
      BLUEBUTTON_VERSION: ' ',
      BLUEBUTTON_ENVIRONMENT: '',
    });
    expect(config).toMatchObject({
      baseUrl: 'https://sandbox.bluebutton.cms.gov',
      version: 2,
      environment: 'SANDBOX',
    });
  });

  test('an undefined value in the object counts as unset: the default applies, not the variable', () => {
    const config = loadObject({ ...MINIMAL, version: undefined }, { BLUEBUTTON_VERSION: '1' });
    expect(config.version).toBe(2);
  });

  test('other variables are ignored', () => {
    const config = loadFromEnvironment({ ...MINIMAL_ENV, BLUEBUTTON_TIMEOUT_MS: 'abc', PATH: '/usr/bin' });
    expect(config.timeoutMs).toBe(30_000);
  });

  test.each([
    ['BLUEBUTTON_VERSION', '4', ['must be 1, 2 or 3', '"4"']],
    ['BLUEBUTTON_ENVIRONMENT', 'staging', ['unknown environment', 'SANDBOX, PRODUCTION, TEST, LOCAL']],
    ['BLUEBUTTON_CALLBACK_URL', 'not a url', ['absolute http']],
    ['BLUEBUTTON_BASE_URL', 'http://bb.example.com', ['https://']],
  ])('a bad %s is named, with source "environment"', (variable, value, message) => {
    expectConfigError(() => loadFromEnvironment({ ...MINIMAL_ENV, [variable]: value }), {
      key: variable,
      source: 'environment',
      message,
    });
  });

  test('a missing setting names the object key and its snake_case spelling, not a variable', () => {
    const error = expectConfigError(() => loadObject({ clientId: CLIENT_ID, callbackUrl: CALLBACK }), {
      key: 'clientSecret',
      source: 'object',
      message: ['"clientSecret"', '"client_secret"', 'in the config object'],
    });
    expect(error.message).not.toContain('BLUEBUTTON_');
  });

  test('a missing setting in the environment names the variable', () => {
    const { BLUEBUTTON_CLIENT_SECRET: _omitted, ...rest } = MINIMAL_ENV;
    expectConfigError(() => loadFromEnvironment(rest), {
      key: 'clientSecret',
      source: 'environment',
      message: ['BLUEBUTTON_CLIENT_SECRET', 'no .bluebutton-config.json'],
    });
  });

  test('a missing setting in a file names the file', () => {
    const dir = makeDir();
    const file = writeFile(dir, 'conf.yaml', `client_id: x\nclient_secret: y\n`);
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'callbackUrl',
      source: file,
      message: ['config file', 'BLUEBUTTON_CALLBACK_URL'],
    });
  });
});
