/**
 * The `node:http` server: records each request, routes it, plays its fault step, runs the handler and
 * writes the answer after the configured latency.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RecordedRequest } from '../sandbox-types.js';
import type { SandboxContext } from './context.js';
import { type FaultAction, type FaultScripts, faultAction } from './faults.js';
import { bearerToken, headerValue, readBody } from './request-io.js';
import {
  DETAIL,
  detailError,
  djangoNotFound,
  methodNotAllowed,
  redirectResponse,
  type SandboxResponse,
  serverError,
} from './responses.js';
import type { RouteMatch, Router } from './router.js';
import { sendResponse } from './send-response.js';

export interface HttpServerParts {
  readonly ctx: SandboxContext;
  readonly router: Router;
  readonly faults: FaultScripts;
  readonly requests: RecordedRequest[];
  /** Origin used when no Host header is usable. */
  readonly fallbackOrigin: () => string;
}

export interface SandboxHttpServer {
  readonly server: Server;
  /** Cancels pending latency timers (hung requests are ended by closing their sockets). */
  cancelTimers(): void;
}

export function createHttpServer(parts: HttpServerParts): SandboxHttpServer {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    if (ms <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createServer((req, res) => {
    handle(req, res, parts, later).catch(() => {
      if (!res.headersSent) sendResponse(req, res, serverError(), { truncate: false, nonJson: false });
    });
  });
  return {
    server,
    cancelTimers() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

type Later = (ms: number, fn: () => void) => void;

async function handle(req: IncomingMessage, res: ServerResponse, parts: HttpServerParts, later: Later) {
  const arrived = performance.now();
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);
  const match = parts.router.match(method, path, query);
  const routeKey = routeKeyOf(method, match);
  parts.requests.push({ method, path, routeKey, query, headers: { ...req.headers }, body });
  const { rateLimit } = parts.ctx.settings;
  // Latency counts from arrival: the sandbox's own work overlaps it, as BB2's backend time would, so
  // concurrent requests are not slowed by one another's page building on a small machine.
  const latency = () => Math.max(0, parts.ctx.settings.latencyMs - (performance.now() - arrived));
  if (match === undefined || match.kind !== 'route' || routeKey === undefined) {
    const response = earlyResponse(match);
    later(latency(), () => sendResponse(req, res, response, { truncate: false, nonJson: false }));
    return;
  }
  const action = faultAction(parts.faults.next(routeKey), {
    oauthRoute: path.includes('/o/'),
    rateLimit: rateLimit.limit,
  });
  if (action.kind === 'hang') return;
  if (action.kind === 'reset') return later(latency(), () => req.socket.destroy());
  if (action.kind === 'respond') {
    return later(latency(), () =>
      sendResponse(req, res, action.response, { truncate: false, nonJson: false }),
    );
  }
  const response = await runHandler(req, { method, path, query, body, match, routeKey }, parts, action);
  later(latency() + action.delayMs, () => sendResponse(req, res, response, action));
}

function routeKeyOf(method: string, match: RouteMatch | undefined): string | undefined {
  if (match?.kind === 'route') return `${method} ${match.route.specPath}`;
  if (match?.kind === 'method-not-allowed') return `${method} ${match.specPath}`;
  return undefined;
}

function earlyResponse(match: RouteMatch | undefined): SandboxResponse {
  if (match?.kind === 'append-slash') return redirectResponse(301, match.location);
  if (match?.kind === 'unauthenticated') {
    return detailError(401, DETAIL.notAuthenticated, { 'www-authenticate': 'Bearer realm="api"' });
  }
  if (match?.kind === 'method-not-allowed') return methodNotAllowed(match.allowed);
  return djangoNotFound();
}

interface Dispatch {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
  readonly match: Extract<RouteMatch, { kind: 'route' }>;
  readonly routeKey: string;
}

async function runHandler(
  req: IncomingMessage,
  dispatch: Dispatch,
  parts: HttpServerParts,
  action: Extract<FaultAction, { kind: 'normal' }>,
): Promise<SandboxResponse> {
  if (action.expireToken) {
    const token = bearerToken(req.headers);
    if (token !== undefined) parts.ctx.registry.expireAccess(token);
  }
  const { route, params } = dispatch.match;
  return route.handler(
    {
      method: dispatch.method,
      path: dispatch.path,
      routeKey: dispatch.routeKey,
      version: route.version,
      params,
      query: new URLSearchParams(dispatch.query),
      headers: req.headers,
      body: dispatch.body,
      origin: originOf(req, parts),
    },
    parts.ctx,
  );
}

/** Links follow the Host header, so a sandbox on 127.0.0.1:8000 answers `http://localhost:8000` requests. */
function originOf(req: IncomingMessage, parts: HttpServerParts): string {
  const configured = parts.ctx.settings.publicBaseUrl;
  if (configured !== undefined) return configured;
  const host = headerValue(req.headers, 'host');
  return host !== undefined && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `http://${host}` : parts.fallbackOrigin();
}
