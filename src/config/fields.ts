/**
 * Settings on their way from a source (object, file, environment) to validation: each value keeps where
 * it came from, so that an error can name the key as the user spelled it, the source, and the line.
 */
import { ConfigError, type ConfigProblemLocation } from '../errors/config-error.js';
import type { FieldKey } from './config-keys.js';

export type SourceKind = 'object' | 'file' | 'environment';

export const OBJECT_SOURCE = 'object';
export const ENVIRONMENT_SOURCE = 'environment';
/** The key named by errors about the source as a whole (an unreadable file, a parse error). */
export const CONFIG_KEY = 'config';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line and column of a key in a file, by its path as written (`['retry_settings', 'total']`). */
export type Locator = (path: readonly string[]) => Position | undefined;

export interface Located {
  readonly value: unknown;
  readonly where: ConfigProblemLocation;
}

export type Fields = Partial<Record<FieldKey, Located>>;

export function locationOf(key: string, source: string, position?: Position): ConfigProblemLocation {
  return position === undefined
    ? { key, source }
    : { key, source, line: position.line, column: position.column };
}

export function invalid(field: Located, message: string): ConfigError {
  return new ConfigError(message, field.where);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type of a value, for messages that must not show the value itself (ids, secrets). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'undefined') return type;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * A value fit for a message: numbers and booleans, and short word-like strings (an environment name, a
 * version); anything longer could be a secret pasted into the wrong key, so only its type is shown.
 */
export function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^[\w.-]{0,16}$/.test(value)) return JSON.stringify(value);
  return kindOf(value);
}
