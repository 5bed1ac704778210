/**
 * The client secret as the SDK holds it: every way of printing it gives `[redacted]`, so a logged config,
 * error or client never leaks it. Only `reveal()`, called where the secret is sent to BB2, gives the value.
 */
import { REDACTED } from '../errors/redact.js';
import type { Secret } from './types.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

class RedactedSecret implements Secret {
  // A private field, not a closure property: inspect with `showHidden`, spreading and Object.entries see nothing.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [INSPECT](): string {
    return REDACTED;
  }
}

/** Wraps a secret string so that it prints as `[redacted]` (inspect, JSON, String, template literals). */
export function createSecret(value: string): Secret {
  return Object.freeze(new RedactedSecret(value));
}
