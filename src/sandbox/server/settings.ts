import type { SandboxAppType, SandboxOptions, SandboxRateLimit } from '../sandbox-types.js';

/** Fixed so that a restarted sandbox (and the CLI) keeps working with the same app settings. */
export const DEFAULT_CLIENT_ID = 'BBSandboxLocalClient00000000000000000001';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-not-for-production-use';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';
/** BB2's code default is 100000/s; docs call the limit generous. A day keeps Reset realistic (86400.0). */
export const DEFAULT_RATE_LIMIT: SandboxRateLimit = { limit: 100_000, windowSeconds: 86_400 };

export interface SandboxSettings {
  readonly host: string;
  readonly port: number;
  readonly latencyMs: number;
  readonly tokenExpiresIn: number;
  readonly appType: SandboxAppType;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registered redirect URIs; the first is the one `config()` reports. */
  readonly redirectUris: readonly string[];
  readonly publicBaseUrl: string | undefined;
  readonly v3LinkBaseUrl: string | undefined;
  readonly rateLimit: SandboxRateLimit;
  readonly now: () => number;
}

export function resolveSettings(options: SandboxOptions): SandboxSettings {
  const redirectUris = (options.redirectUri ?? DEFAULT_REDIRECT_URI).split(/\s+/).filter((u) => u !== '');
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    latencyMs: Math.max(0, options.latencyMs ?? 0),
    tokenExpiresIn: options.tokenExpiresIn ?? 3600,
    appType: options.appType ?? 'THIRTEEN_MONTH',
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    redirectUris: redirectUris.length > 0 ? redirectUris : [DEFAULT_REDIRECT_URI],
    publicBaseUrl: stripTrailingSlash(options.publicBaseUrl),
    v3LinkBaseUrl: stripTrailingSlash(options.v3LinkBaseUrl),
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    now: options.now ?? Date.now,
  };
}

function stripTrailingSlash(url: string | undefined): string | undefined {
  return url === undefined ? undefined : url.replace(/\/+$/, '');
}
