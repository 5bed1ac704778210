/**
 * `bb.client(token)`: typed access to v1, v2 and v3 with one token manager, so every call and every page
 * uses the latest token and a refresh is shared by all of them.
 */
import type { AuthorizationToken } from '../auth/authorization-token.js';
import type { TokenManager } from '../auth/token-manager.js';
import type { ApiVersion } from '../types.js';
import type { ClientContext } from './request.js';
import { createVersionClient, type VersionClient, type VersionClientFor } from './version-client.js';

export interface ClientOptions {
  /** Awaited after every refresh of this client's token, before the new token is used: persist it here. */
  onTokenRefresh?(token: AuthorizationToken): void | Promise<void>;
}

export interface BlueButtonClient<V extends ApiVersion = ApiVersion> {
  readonly v1: VersionClient<1>;
  readonly v2: VersionClient<2>;
  readonly v3: VersionClient<3>;
  /** The configured version's namespace. */
  readonly fhir: VersionClientFor<V>;
  /** The latest token, after any refresh. */
  readonly token: AuthorizationToken;
}

export function createClient<V extends ApiVersion>(
  ctx: Omit<ClientContext, 'tokens'>,
  tokens: TokenManager,
  version: V,
): BlueButtonClient<V> {
  const full: ClientContext = { ...ctx, tokens };
  const v1 = createVersionClient(full, 1);
  const v2 = createVersionClient(full, 2);
  const v3 = createVersionClient(full, 3);
  const byVersion = { 1: v1, 2: v2, 3: v3 } as const;
  const describe = () => `BlueButtonClient { version: ${version}, token: [redacted] }`;
  return {
    v1,
    v2,
    v3,
    // TypeScript cannot correlate `version: V` with the table entry; the table is exhaustive over ApiVersion.
    fhir: byVersion[version] as unknown as VersionClientFor<V>,
    get token() {
      return tokens.token;
    },
    // The token getter would otherwise serialize the access and refresh tokens into logs.
    toJSON: () => ({ version, token: '[redacted]' }),
    toString: describe,
    [Symbol.for('nodejs.util.inspect.custom')]: describe,
  } as BlueButtonClient<V>;
}
