import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { expectConfigError, SECRET, tempDirs, writeFile } from './helpers.js';

const makeDir = tempDirs();

function expectParseError(
  name: string,
  text: string,
  line: number,
  column: number,
  message: readonly string[],
): void {
  const dir = makeDir();
  writeFile(dir, name, text);
  const source = path.join(dir, name);
  const error = expectConfigError(() => loadConfig(name, { cwd: dir, env: {} }), {
    key: 'config',
    source,
    line,
    column,
    message,
  });
  expect(error.message).toContain(`${source}:${line}:${column}`);
}

describe('JSON syntax errors give file:line:column', () => {
  test('an unquoted value (V8 gives no position: the text is scanned), without quoting the text', () => {
    const text = `{\n  "clientId": "a",\n  "clientSecret": ${SECRET}\n}`;
    expectParseError('bb2.json', text, 3, 19, ['invalid JSON', 'Unexpected token']);
  });

  test('a missing comma', () => {
    expectParseError('bb2.json', '{\n  "clientId": "a"\n  "clientSecret": "b"\n}', 3, 3, [
      "Expected ',' or '}'",
    ]);
  });

  test('a trailing comma', () => {
    expectParseError('bb2.json', '{\n  "clientId": "a",\n}', 3, 1, ['property name']);
  });

  test('an unterminated string', () => {
    expectParseError('bb2.json', '{"clientId": "abc', 1, 18, ['Unterminated string']);
  });

  test('a comment', () => {
    expectParseError('bb2.json', '// settings\n{}', 1, 1, ['Unexpected token']);
  });

  test('a truncated file', () => {
    expectParseError('bb2.json', '{"clientId": ', 1, 14, ['Unexpected end of JSON input']);
  });

  test('text after the object', () => {
    expectParseError('bb2.json', '{"clientId": "a"}\n}', 2, 1, ['after JSON']);
  });

  test('a secret in a broken string is not quoted back', () => {
    expectParseError('bb2.json', `{"clientSecret": "${SECRET}\n"}`, 1, 19 + SECRET.length, [
      'Bad control character',
    ]);
  });

  test('a duplicate key, which JSON.parse would silently resolve to the last one', () => {
    const text = '{\n  "clientId": "a",\n  "clientSecret": "b",\n  "clientId": "c"\n}';
    expectParseError('bb2.json', text, 4, 3, ['invalid JSON', 'DUPLICATE_KEY']);
  });
});

describe('YAML syntax errors give file:line:column', () => {
  test('a bad indent', () => {
    expectParseError('bb2.yaml', 'client_id: a\nclient_secret: b\n  callback_url: x\n', 2, 16, [
      'BLOCK_AS_IMPLICIT_KEY',
    ]);
  });

  test('an unclosed quote around the secret, without quoting the text', () => {
    expectParseError('bb2.yaml', `client_id: a\nclient_secret: "${SECRET}\ncallback_url: x\n`, 4, 1, [
      'MISSING_CHAR',
    ]);
  });

  test('a secret followed by a colon, without quoting the text', () => {
    expectParseError('bb2.yml', `client_secret: ${SECRET}: x\n`, 1, 16, ['BLOCK_AS_IMPLICIT_KEY']);
  });

  test('a duplicate key', () => {
    expectParseError('bb2.yaml', 'client_id: a\nclient_secret: b\nclient_id: c\n', 3, 1, ['DUPLICATE_KEY']);
  });

  test('a duplicate nested key', () => {
    expectParseError('bb2.yaml', 'client_id: a\nretry_settings:\n  total: 1\n  total: 2\n', 4, 3, [
      'DUPLICATE_KEY',
    ]);
  });

  test('tabs as indentation', () => {
    expectParseError('bb2.yml', 'retry_settings:\n\ttotal: 1\n', 2, 1, ['TAB_AS_INDENT']);
  });

  test('more than one document', () => {
    expectParseError('bb2.yaml', 'client_id: a\n---\nclient_id: b\n', 2, 1, ['more than one YAML document']);
  });

  test('an unknown tag such as !env is an error, not the literal string', () => {
    expectParseError('bb2.yaml', 'client_id: a\nclient_secret: !env BB_SECRET\n', 2, 16, [
      'TAG_RESOLVE_FAILED',
    ]);
  });

  test('an alias without an anchor', () => {
    const dir = makeDir();
    const file = writeFile(dir, 'bb2.yaml', 'client_id: *id\n');
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'config',
      source: file,
      message: ['invalid YAML', 'Unresolved alias'],
    });
  });

  test('anchors and aliases that resolve are fine', () => {
    const text = 'shared: &url https://a.example/cb\n';
    const dir = makeDir();
    const file = writeFile(dir, 'bb2.yaml', text);
    // `shared` is not a setting: the alias machinery works, and the unknown key is still caught.
    expectConfigError(() => loadConfig(file, { env: {} }), {
      key: 'shared',
      source: file,
      line: 1,
      column: 1,
    });
    const good = writeFile(
      dir,
      'good.yaml',
      'client_id: &id a\nclient_secret: *id\ncallback_url: https://a.example/cb\n',
    );
    expect(loadConfig(good, { env: {} }).clientSecret.reveal()).toBe('a');
  });
});
