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

describe('environment variables', () => {
  test('fill what an object leaves out', () => {
    const config = loadObject({ clientId: CLIENT_ID }, FULL_ENV);
    expect(config.clientId).toBe(CLIENT_ID);
    expect(config.clientSecret.reveal()).toBe('env-secret');
    expect(config.callbackUrl).toBe('https://env.example.com/cb');
    expect(config).toMatchObject({ environment: 'TEST', version: 3, source: 'object' });
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
    const config = loadObject(MINIMAL, {
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

  test('an undefined value in the object counts as unset, so the variable fills it', () => {
    const config = loadObject({ ...MINIMAL, version: undefined }, { BLUEBUTTON_VERSION: '1' });
    expect(config.version).toBe(1);
  });

  test('other variables are ignored', () => {
    const config = loadObject(MINIMAL, { BLUEBUTTON_TIMEOUT_MS: 'abc', PATH: '/usr/bin' });
    expect(config.timeoutMs).toBe(30_000);
  });

  test.each([
    ['BLUEBUTTON_VERSION', '4', ['must be 1, 2 or 3', '"4"']],
    ['BLUEBUTTON_ENVIRONMENT', 'staging', ['unknown environment', 'SANDBOX, PRODUCTION, TEST, LOCAL']],
    ['BLUEBUTTON_CALLBACK_URL', 'not a url', ['absolute http']],
    ['BLUEBUTTON_BASE_URL', 'http://bb.example.com', ['https://']],
  ])('a bad %s is named, with source "environment"', (variable, value, message) => {
    const object =
      variable === 'BLUEBUTTON_CALLBACK_URL' ? { clientId: CLIENT_ID, clientSecret: SECRET } : MINIMAL;
    expectConfigError(() => loadObject(object, { [variable]: value }), {
      key: variable,
      source: 'environment',
      message,
    });
  });

  test('a missing setting names the object key, its snake_case spelling and the variable', () => {
    expectConfigError(() => loadObject({ clientId: CLIENT_ID, callbackUrl: CALLBACK }), {
      key: 'clientSecret',
      source: 'object',
      message: ['"clientSecret"', '"client_secret"', 'BLUEBUTTON_CLIENT_SECRET'],
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
