/**
 * Type and range checks for single values. Messages describe what is expected and show a value only when
 * it is harmless (see `shown`); a client id or secret in the wrong place is named by type alone.
 */
import { invalid, kindOf, type Located, shown } from './fields.js';

/** setTimeout's limit: larger delays overflow and fire after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface NumberRule {
  readonly min: number;
  /** `> min` instead of `>= min`. */
  readonly exclusive?: boolean;
  readonly integer?: boolean;
  readonly max?: number;
}

export function numberValue(field: Located, rule: NumberRule): number {
  const { value } = field;
  if (typeof value === 'number' && Number.isFinite(value) && fits(value, rule)) return value;
  const kind = rule.integer === true ? 'an integer' : 'a number';
  const lower = `${rule.exclusive === true ? '>' : '>='} ${rule.min}`;
  const upper = rule.max === undefined ? '' : ` and <= ${rule.max}`;
  throw invalid(field, `must be ${kind} ${lower}${upper} (got ${shown(value)})`);
}

function fits(value: number, rule: NumberRule): boolean {
  if (rule.integer === true && !Number.isInteger(value)) return false;
  if (rule.exclusive === true ? value <= rule.min : value < rule.min) return false;
  return rule.max === undefined || value <= rule.max;
}

export function stringValue(field: Located): string {
  const { value } = field;
  if (typeof value === 'string' && value.trim() !== '') return value;
  // A YAML value such as `client_id: 12345` is a number unless quoted.
  const hint = typeof value === 'number' ? '; quote it' : '';
  throw invalid(
    field,
    `must be a non-empty string (got ${typeof value === 'string' ? 'an empty string' : kindOf(value)}${hint})`,
  );
}

export function booleanValue(field: Located): boolean {
  if (typeof field.value === 'boolean') return field.value;
  throw invalid(field, `must be true or false (got ${shown(field.value)})`);
}

export function functionValue(field: Located): (...args: never[]) => unknown {
  if (typeof field.value === 'function') return field.value as (...args: never[]) => unknown;
  throw invalid(field, `must be a function (got ${kindOf(field.value)})`);
}

/** The checked value when the setting is present, else the default. */
export function optional<T>(field: Located | undefined, read: (field: Located) => T, fallback: T): T {
  return field === undefined ? fallback : read(field);
}
