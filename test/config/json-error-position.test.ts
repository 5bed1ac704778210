import { describe, expect, test } from 'vitest';
import { describeJsonError, jsonErrorPosition, positionAt } from '../../src/config/read-config-file.js';

function v8Message(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`valid JSON: ${text}`);
}

describe('jsonErrorPosition', () => {
  test('reads the Node 22+ form "(line L column C)" first', () => {
    const message = "Expected ',' or '}' after property value in JSON at position 6 (line 3 column 2)";
    expect(jsonErrorPosition(message, '{"a":1 "b":2}')).toEqual({ line: 3, column: 2 });
  });

  test('converts the Node 20 form "at position N" using the text', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    expect(
      jsonErrorPosition("Expected ',' or '}' after property value in JSON at position 13", text),
    ).toEqual({
      line: 3,
      column: 3,
    });
  });

  test('reads the SpiderMonkey form "at line L column C"', () => {
    const message =
      "JSON.parse: expected ',' or '}' after property value in object at line 1 column 8 of the JSON data";
    expect(jsonErrorPosition(message, '{"a":1 "b":2}')).toEqual({ line: 1, column: 8 });
  });

  test('asks the engine about prefixes when the message has no position: the unexpected character', () => {
    const text = '{\n  "a": nope\n}';
    // V8's own complaint is about the 'o': "null" could still follow the 'n'.
    expect(v8Message(text)).toContain("Unexpected token 'o'");
    expect(jsonErrorPosition('Unexpected token \'o\', ..."a": nope"... is not valid JSON', text)).toEqual({
      line: 2,
      column: 9,
    });
  });
});

describe('describeJsonError', () => {
  test.each([
    ['Unexpected token \'s\', ..."tSecret": s3cr3tvalu"... is not valid JSON', 'Unexpected token'],
    ['Unexpected token \'}\', "{"a":1,\n "b": }" is not valid JSON', 'Unexpected token'],
    ['Unexpected token \',\', "[1,,2]" is not valid JSON', 'Unexpected token'],
    [
      "Expected ',' or '}' after property value in JSON at position 6",
      "Expected ',' or '}' after property value",
    ],
    [
      "Expected ',' or '}' after property value in JSON at position 6 (line 1 column 7)",
      "Expected ',' or '}' after property value",
    ],
    [
      'Unexpected non-whitespace character after JSON at position 9',
      'Unexpected non-whitespace character after JSON',
    ],
    ['Unexpected end of JSON input', 'Unexpected end of JSON input'],
    ['', 'Invalid JSON'],
  ])('%j -> %j', (message, expected) => {
    expect(describeJsonError(message)).toBe(expected);
  });
});

describe('the prefix search (messages without a position)', () => {
  // A message with no position (as V8's "Unexpected token" and JavaScriptCore's are) forces the search.
  const NO_POSITION = 'JSON Parse error: Unexpected identifier';

  // Where V8 reports a position, the search must agree with it.
  test.each([
    '{"a": 1 "b": 2}',
    '{"a": 1,}',
    '[1, 2,]',
    '{"a" 1}',
    '{a: 1}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": -}',
    '{"a": "x\\q"}',
    '{"a": "\\u12G4"}',
    '{"a": "tab\there"}',
    '{"a": "unterminated',
    '{"a": 1} []',
    '{"a": 1}\n}',
    '{"a": [1, 2}',
    '{"a": tru}',
    '// comment\n{}',
    '{"clientSecret": Zq9-s3cr3t}',
  ])('agrees with V8 on %j', (text) => {
    const message = v8Message(text);
    const position = jsonErrorPosition(NO_POSITION, text);
    const reported = /at position (\d+)/.exec(message);
    if (reported) expect(position).toEqual(positionAt(text, Number(reported[1])));
    else expect(message).toMatch(/^Unexpected token '(.)'/);
    // Without a reported position, V8 names the character the search lands on.
    const token = /^Unexpected token '(.)'/.exec(message)?.[1];
    if (token !== undefined) {
      const lines = text.split('\n');
      expect(lines[position.line - 1]?.[position.column - 1]).toBe(token);
    }
  });
});

describe('positionAt', () => {
  test.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\r\nbc\nd', 6, 3, 1],
    ['a\nb', 3, 2, 2],
  ])('%j at %i is line %i column %i', (text, offset, line, column) => {
    expect(positionAt(text, offset)).toEqual({ line, column });
  });
});
