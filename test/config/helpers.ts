/**
 * Shared test helpers: temp directories with real files, and a ConfigError catcher that also checks that
 * no error ever carries the client secret or the client id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, expect } from 'vitest';
import { type LoadConfigOptions, loadConfig } from '../../src/config/load-config.js';
import type { BlueButtonConfig, ResolvedConfig } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors/config-error.js';

/** Distinctive, so that a leak anywhere is found by a substring search. */
export const SECRET = 'Zq9-s3cr3t-VALUE-7781';
export const CLIENT_ID = 'cl13nt-ID-4471-distinctive';
export const CALLBACK = 'https://app.example.com/callback';

export const MINIMAL = Object.freeze({ clientId: CLIENT_ID, clientSecret: SECRET, callbackUrl: CALLBACK });

/** Call at the top of a test file; returns a maker of temp dirs that are removed after each test. */
export function tempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-config-'));
    dirs.push(dir);
    return dir;
  };
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Loads an object that may be ill-typed on purpose (as JavaScript callers can pass). */
export function loadObject(
  object: Record<string, unknown>,
  env: LoadConfigOptions['env'] = {},
): ResolvedConfig {
  return loadConfig(object as BlueButtonConfig, { env });
}

/** The no-argument form, in an empty working directory, with exactly these environment variables. */
export function loadFromEnvironment(env: Readonly<Record<string, string | undefined>>): ResolvedConfig {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'bb-config-env-'));
  try {
    return loadConfig(undefined, { cwd, env });
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** The three required settings as environment variables. */
export const MINIMAL_ENV = Object.freeze({
  BLUEBUTTON_CLIENT_ID: CLIENT_ID,
  BLUEBUTTON_CLIENT_SECRET: SECRET,
  BLUEBUTTON_CALLBACK_URL: CALLBACK,
});

export interface Expected {
  key: string;
  source: string;
  line?: number;
  column?: number;
  /** Fragments the message must contain. */
  message?: readonly string[];
}

/** Runs `fn`, asserts it threw a ConfigError as described, and that the error leaks no id or secret. */
export function expectConfigError(fn: () => unknown, expected: Expected): ConfigError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const error = thrown as ConfigError;
  expect(error.code).toBe('CONFIG_INVALID');
  expect(error.key).toBe(expected.key);
  expect(error.source).toBe(expected.source);
  if (expected.line !== undefined)
    expect({ line: error.line, column: error.column }).toEqual({
      line: expected.line,
      column: expected.column,
    });
  for (const fragment of expected.message ?? []) expect(error.message).toContain(fragment);
  expectNoLeak(error);
  return error;
}

export function expectNoLeak(error: unknown): void {
  const renderings = [String(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
  for (const text of renderings) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(CLIENT_ID);
  }
}
