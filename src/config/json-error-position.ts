/**
 * Where a JSON syntax error is, and what it is, without repeating the file's text: V8's messages can
 * quote the surrounding source (`..."Secret": s3cr3t"... is not valid JSON`), which may hold the secret.
 */
import type { Position } from './fields.js';

/**
 * Node 22+ says `(line L column C)`, Node 20 `at position N`; some Node 20 messages ("Unexpected token")
 * carry no position at all, and then the text is scanned for the first error.
 */
export function jsonErrorPosition(message: string, text: string): Position | undefined {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : findJsonErrorOffset(text);
  return offset === undefined ? undefined : positionAt(text, offset);
}

/** The parser's description, cut before any quoted source text and the position. */
export function describeJsonError(message: string): string {
  const head = message.split(/ in JSON| at position|, "|, \.\.\."| is not valid JSON/)[0] ?? '';
  // The unexpected character itself could be a character of a secret.
  return head.replace(/^Unexpected token .*$/s, 'Unexpected token').trim() || 'Invalid JSON';
}

/** 1-based line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

class JsonSyntaxAt extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super('JSON syntax error');
    this.offset = offset;
  }
}

interface Cursor {
  readonly text: string;
  i: number;
}

/** Offset of the first syntax error in `text`, or undefined when it is valid JSON (or too deep to scan). */
export function findJsonErrorOffset(text: string): number | undefined {
  const cursor: Cursor = { text, i: 0 };
  try {
    skipWhitespace(cursor);
    scanValue(cursor);
    skipWhitespace(cursor);
    return cursor.i < text.length ? cursor.i : undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    return undefined;
  }
}

function skipWhitespace(c: Cursor): void {
  while (/^[ \t\n\r]$/.test(c.text[c.i] ?? '')) c.i++;
}

function scanValue(c: Cursor): void {
  const ch = c.text[c.i];
  if (ch === '{') scanContainer(c, '}', true);
  else if (ch === '[') scanContainer(c, ']', false);
  else if (ch === '"') scanString(c);
  else scanScalar(c);
}

function scanScalar(c: Cursor): void {
  for (const literal of ['true', 'false', 'null']) {
    if (c.text.startsWith(literal, c.i)) {
      c.i += literal.length;
      return;
    }
  }
  scanNumber(c);
}

/** Fails where V8 does: at the first character that cannot continue the number. */
function scanNumber(c: Cursor): void {
  if (c.text[c.i] === '-') c.i++;
  if (c.text[c.i] === '0') c.i++;
  else scanDigits(c);
  if (c.text[c.i] === '.') {
    c.i++;
    scanDigits(c);
  }
  if (c.text[c.i] === 'e' || c.text[c.i] === 'E') {
    c.i++;
    if (c.text[c.i] === '+' || c.text[c.i] === '-') c.i++;
    scanDigits(c);
  }
}

function scanDigits(c: Cursor): void {
  if (!isDigit(c.text[c.i])) throw new JsonSyntaxAt(c.i);
  while (isDigit(c.text[c.i])) c.i++;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function scanContainer(c: Cursor, close: string, isObject: boolean): void {
  c.i++;
  skipWhitespace(c);
  if (c.text[c.i] === close) {
    c.i++;
    return;
  }
  for (;;) {
    skipWhitespace(c);
    if (isObject) scanMemberName(c);
    scanValue(c);
    skipWhitespace(c);
    const ch = c.text[c.i];
    c.i++;
    if (ch === close) return;
    if (ch !== ',') throw new JsonSyntaxAt(c.i - 1);
  }
}

function scanMemberName(c: Cursor): void {
  if (c.text[c.i] !== '"') throw new JsonSyntaxAt(c.i);
  scanString(c);
  skipWhitespace(c);
  if (c.text[c.i] !== ':') throw new JsonSyntaxAt(c.i);
  c.i++;
  skipWhitespace(c);
}

function scanString(c: Cursor): void {
  c.i++;
  while (c.i < c.text.length) {
    const code = c.text.charCodeAt(c.i);
    if (code === 0x22) {
      c.i++;
      return;
    }
    if (code < 0x20) throw new JsonSyntaxAt(c.i);
    if (code === 0x5c) scanEscape(c);
    else c.i++;
  }
  throw new JsonSyntaxAt(c.text.length);
}

function scanEscape(c: Cursor): void {
  const kind = c.text[c.i + 1];
  if (kind === 'u') {
    for (let at = c.i + 2; at < c.i + 6; at++) {
      if (!/^[0-9a-fA-F]$/.test(c.text[at] ?? '')) throw new JsonSyntaxAt(at);
    }
    c.i += 6;
    return;
  }
  if (kind === undefined || !'"\\/bfnrt'.includes(kind)) throw new JsonSyntaxAt(c.i + 1);
  c.i += 2;
}
