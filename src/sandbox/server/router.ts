/**
 * Path matching with BB2's trailing-slash rules as CMS's code answered them (bb2-api 9): FHIR routes take
 * the path with or without the slash (unanchored Django regexes), only the authorize routes answer the
 * slash-less form with Django's APPEND_SLASH 301, and the other OAuth endpoints (token included) answer
 * it with DRF's 401.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxApiVersion } from '../sandbox-types.js';
import type { SandboxContext } from './context.js';
import type { SandboxResponse } from './responses.js';

export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  /** `METHOD specPath`, the key faults and recorded requests use. */
  readonly routeKey: string;
  readonly version: SandboxApiVersion;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Public origin for links and discovery documents (`http://<Host>` unless configured). */
  readonly origin: string;
}

export type RouteHandler = (
  req: RouteRequest,
  ctx: SandboxContext,
) => SandboxResponse | Promise<SandboxResponse>;

export interface RouteDefinition {
  /** As in `ENDPOINTS` keys: `/v2/fhir/ExplanationOfBenefit/{resource_id}`. */
  readonly specPath: string;
  readonly version: SandboxApiVersion;
  readonly methods: readonly string[];
  /**
   * `optional`: with or without a final slash; `required`: ends in `/`, the slash-less form gets a 301;
   * `required-401`: ends in `/`, the slash-less form gets a 401; `exact`: as written.
   */
  readonly slash: 'optional' | 'required' | 'required-401' | 'exact';
  /** The handler also receives other methods (FHIR views authenticate before answering 405). */
  readonly anyMethod?: boolean;
  readonly handler: RouteHandler;
}

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: RouteDefinition; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly specPath: string; readonly allowed: readonly string[] }
  | { readonly kind: 'append-slash'; readonly location: string }
  | { readonly kind: 'unauthenticated' };

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly slashless: RegExp | undefined;
}

export interface Router {
  match(method: string, path: string, query: string): RouteMatch | undefined;
  /** Every `METHOD specPath` a fault script may target. */
  readonly routeKeys: ReadonlySet<string>;
}

export function createRouter(routes: readonly RouteDefinition[]): Router {
  const compiled = routes.map(compile);
  const routeKeys = new Set(routes.flatMap((r) => r.methods.map((m) => `${m} ${r.specPath}`)));
  return {
    routeKeys,
    match(method, path, query) {
      const onPath = compiled.filter((entry) => entry.pattern.test(path));
      // Django serves HEAD with the GET view.
      const asGet = method === 'HEAD' ? 'GET' : method;
      const chosen = onPath.find((e) => e.route.anyMethod || e.route.methods.includes(asGet));
      const found = chosen === undefined ? null : chosen.pattern.exec(path);
      if (chosen !== undefined && found !== null) {
        return { kind: 'route', route: chosen.route, params: namedParams(chosen.names, found) };
      }
      const first = onPath[0];
      if (first !== undefined) {
        const allowed = onPath.flatMap((e) => e.route.methods);
        return { kind: 'method-not-allowed', specPath: first.route.specPath, allowed };
      }
      const slashless = compiled.find((entry) => entry.slashless?.test(path));
      if (slashless?.route.slash === 'required-401') return { kind: 'unauthenticated' };
      if (slashless !== undefined) {
        return { kind: 'append-slash', location: `${path}/${query === '' ? '' : `?${query}`}` };
      }
      return undefined;
    },
  };
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const base = route.specPath.replace(/\/$/, '');
  const source = base
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  if (route.slash === 'exact') {
    const slash = route.specPath.endsWith('/') ? '/' : '';
    return { route, names, pattern: new RegExp(`^${source}${slash}$`), slashless: undefined };
  }
  if (route.slash === 'optional')
    return { route, names, pattern: new RegExp(`^${source}/?$`), slashless: undefined };
  return { route, names, pattern: new RegExp(`^${source}/$`), slashless: new RegExp(`^${source}$`) };
}

function namedParams(names: readonly string[], found: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const raw = found[i + 1] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return params;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Resolves a fault route key: exact `ENDPOINTS`-style keys, or the same key without its trailing slash
 * (`GET /v2/fhir/ExplanationOfBenefit`). Undefined when no route has it.
 */
export function resolveRouteKey(keys: ReadonlySet<string>, key: string): string | undefined {
  const trimmed = key.trim().replace(/\s+/, ' ');
  const [method = '', path = ''] = trimmed.split(' ');
  const normalized = `${method.toUpperCase()} ${path}`;
  if (keys.has(normalized)) return normalized;
  if (keys.has(`${normalized}/`)) return `${normalized}/`;
  return undefined;
}
