/**
 * What `bb.client(token)` and the compat methods accept as a token: this SDK's AuthorizationToken (from
 * any copy of the package), its `toJSON()`, or the official Node SDK's AuthorizationToken (an instance or
 * its JSON), so an app migrating keeps the tokens it already stored.
 */
import { InvalidParamsError } from '../errors/request-errors.js';
import type { ApiVersion } from '../types.js';
import {
  AuthorizationToken,
  type AuthorizationTokenJSON,
  type NodeSdkTokenJSON,
} from './authorization-token.js';

/** A token in any form `client()` and the compat methods take. */
export type TokenInput = AuthorizationToken | AuthorizationTokenJSON | NodeSdkTokenJSON;

/**
 * @param version the version to assume for a token that names none (the Node SDK's tokens do not).
 * @throws {InvalidParamsError} INVALID_PARAMS when `value` is not a token; nothing is sent.
 */
export function asAuthorizationToken(value: unknown, where: string, version: ApiVersion): AuthorizationToken {
  if (value instanceof AuthorizationToken) return value;
  if (typeof value === 'object' && value !== null) {
    try {
      return AuthorizationToken.fromJSON(value as Parameters<typeof AuthorizationToken.fromJSON>[0], version);
    } catch {
      // Reported below in the caller's terms; the value is not echoed (it may hold a token).
    }
  }
  throw new InvalidParamsError(where, [
    `token must be an AuthorizationToken (or its toJSON(), or the official Node SDK's AuthorizationToken), got ${
      value === null ? 'null' : typeof value
    }`,
  ]);
}
