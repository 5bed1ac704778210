import { describe, expect, test } from 'vitest';
import {
  describeJsonError,
  findJsonErrorOffset,
  jsonErrorPosition,
  positionAt,
} from '../../src/config/json-error-position.js';

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

  test('scans the text when the message has no position', () => {
    const text = '{\n  "a": nope\n}';
    expect(jsonErrorPosition('Unexpected token \'n\', ..."a": nope"... is not valid JSON', text)).toEqual({
      line: 2,
      column: 8,
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

describe('findJsonErrorOffset', () => {
  test.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"\\\\\\/"], "b": {"c": {}}}\n',
    '"just a string"',
    '0',
    '\t{\r\n\t"a": 1\r\n}',
  ])('finds nothing wrong in valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonErrorOffset(text)).toBeUndefined();
  });

  // Where V8 reports a position, the scanner must agree with it.
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
    '',
    '   ',
    '{"a": tru}',
    '{"a": [1, 2}',
  ])('agrees with V8 on %j', (text) => {
    const offset = findJsonErrorOffset(text);
    expect(offset).toBeTypeOf('number');
    const reported = /at position (\d+)/.exec(v8Message(text));
    if (reported) expect(offset).toBe(Number(reported[1]));
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
