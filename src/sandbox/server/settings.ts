import { SandboxOptionsError } from '../sandbox-options-error.js';
import type {
  SandboxApp,
  SandboxAppKind,
  SandboxAppType,
  SandboxOptions,
  SandboxRateLimit,
  SandboxThrottle,
} from '../sandbox-types.js';

/** Fixed so that a restarted sandbox (and the CLI) keeps working with the same app settings. */
export const DEFAULT_CLIENT_ID = 'BBSandboxLocalClient00000000000000000001';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-not-for-production-use';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1/callback';
/** BB2's code default is 100000/s; docs call the limit generous. A day keeps Reset realistic (86400.0). */
export const DEFAULT_RATE_LIMIT: SandboxRateLimit = { limit: 100_000, windowSeconds: 86_400 };
const DEFAULT_REQUESTS_PER_SECOND = 10;

/** A registered app with its defaults filled in. */
export interface RegisteredApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly name: string;
  readonly kind: SandboxAppKind;
}

export interface ThrottleSettings {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

export interface SandboxSettings {
  readonly host: string;
  readonly port: number;
  readonly latencyMs: number;
  readonly tokenExpiresIn: number;
  /** At least one; the first is the one `client` and `config()` describe. */
  readonly apps: readonly RegisteredApp[];
  readonly publicBaseUrl: string | undefined;
  readonly v3LinkBaseUrl: string | undefined;
  readonly rateLimit: SandboxRateLimit;
  readonly throttle: ThrottleSettings | undefined;
  readonly now: () => number;
}

const KIND_OF_TYPE: Readonly<Record<SandboxAppType, SandboxAppKind>> = {
  THIRTEEN_MONTH: 'thirteen-months',
  ONE_TIME: 'one-time',
  RESEARCH_STUDY: 'research',
};
const KINDS: ReadonlySet<string> = new Set(['ten-hours', 'thirteen-months', 'one-time', 'research']);

export function resolveSettings(options: SandboxOptions): SandboxSettings {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    latencyMs: Math.max(0, options.latencyMs ?? 0),
    tokenExpiresIn: options.tokenExpiresIn ?? 3600,
    apps: resolveApps(options),
    publicBaseUrl: stripTrailingSlash(options.publicBaseUrl),
    v3LinkBaseUrl: stripTrailingSlash(options.v3LinkBaseUrl),
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    throttle: options.throttle === undefined ? undefined : resolveThrottle(options.throttle),
    now: options.now ?? Date.now,
  };
}

function resolveApps(options: SandboxOptions): RegisteredApp[] {
  if (options.apps === undefined || options.apps.length === 0) {
    const redirectUris = (options.redirectUri ?? DEFAULT_REDIRECT_URI).split(/\s+/).filter((u) => u !== '');
    const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
    return [
      {
        clientId,
        clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
        redirectUris: redirectUris.length > 0 ? redirectUris : [DEFAULT_REDIRECT_URI],
        name: 'Blue Button sandbox app',
        kind: KIND_OF_TYPE[options.appType ?? 'THIRTEEN_MONTH'],
      },
    ];
  }
  const seen = new Set<string>();
  return options.apps.map((app, i) => {
    const resolved = resolveApp(app, i);
    if (seen.has(resolved.clientId))
      throw new SandboxOptionsError('INVALID_SANDBOX_APP', `apps[${i}]: client id registered twice`);
    seen.add(resolved.clientId);
    return resolved;
  });
}

function resolveApp(app: SandboxApp, i: number): RegisteredApp {
  const invalid = (why: string) => new SandboxOptionsError('INVALID_SANDBOX_APP', `apps[${i}]: ${why}`);
  if (typeof app.clientId !== 'string' || app.clientId.trim() === '') throw invalid('clientId is empty');
  if (typeof app.clientSecret !== 'string' || app.clientSecret === '') throw invalid('clientSecret is empty');
  if (!Array.isArray(app.redirectUris) || app.redirectUris.length === 0)
    throw invalid('redirectUris needs at least one URI');
  for (const [j, uri] of app.redirectUris.entries()) {
    if (typeof uri !== 'string' || !URL.canParse(uri) || /\s/.test(uri))
      throw invalid(`redirectUris[${j}] is not an absolute URL`);
  }
  if (app.kind !== undefined && !KINDS.has(app.kind))
    throw invalid(`kind must be one of ${[...KINDS].join(', ')}`);
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUris: [...app.redirectUris],
    name: app.name ?? app.clientId,
    kind: app.kind ?? 'thirteen-months',
  };
}

function resolveThrottle(throttle: SandboxThrottle): ThrottleSettings {
  const requestsPerSecond = throttle.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const burst = throttle.burst ?? Math.max(1, requestsPerSecond);
  if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0))
    throw new SandboxOptionsError('INVALID_SANDBOX_THROTTLE', 'throttle.requestsPerSecond must be above 0');
  if (!(Number.isInteger(burst) && burst >= 1))
    throw new SandboxOptionsError(
      'INVALID_SANDBOX_THROTTLE',
      'throttle.burst must be a whole number of at least 1',
    );
  return { requestsPerSecond, burst };
}

export function findApp(settings: SandboxSettings, clientId: string): RegisteredApp | undefined {
  return settings.apps.find((app) => app.clientId === clientId);
}

function stripTrailingSlash(url: string | undefined): string | undefined {
  return url === undefined ? undefined : url.replace(/\/+$/, '');
}
