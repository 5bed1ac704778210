import {
  type Meter,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Hooks } from '../hooks.js';
import { SDK_VERSION } from '../types.js';
import { urlTemplate } from './url-template.js';

export interface TelemetryOptions {
  /** Default: the global tracer provider's `bluebutton-ts` tracer (a no-op until an SDK is registered). */
  readonly tracer?: Tracer;
  /** Default: the global meter provider's `bluebutton-ts` meter. */
  readonly meter?: Meter;
  /** Hooks of your own, called after the telemetry ones. */
  readonly hooks?: Hooks;
}

/**
 * OpenTelemetry spans and metrics from the SDK's hooks: a CLIENT span per HTTP attempt (method, URL
 * template, status, attempt, the retry delay when another attempt follows), a span per page walk
 * (search route, pages, items, outcome), a span per token refresh, and counters for requests, retries,
 * refreshes and 429s plus a gauge of `X-RateLimit-Remaining`.
 * Attributes hold no token, patient id or query value: hooks are redacted and routes are templated.
 *
 * @example
 * const bb = new BlueButton({ ...config, hooks: createTelemetryHooks() });
 */
export function createTelemetryHooks(options: TelemetryOptions = {}): Hooks {
  const tracer = options.tracer ?? trace.getTracer('bluebutton-ts', SDK_VERSION);
  const meter = options.meter ?? metrics.getMeter('bluebutton-ts', SDK_VERSION);
  const user = options.hooks ?? {};
  const requests = meter.createCounter('bluebutton.requests', {
    description: 'HTTP attempts answered by BB2',
  });
  const retries = meter.createCounter('bluebutton.retries', { description: 'Attempts the SDK repeats' });
  const refreshes = meter.createCounter('bluebutton.token_refreshes', { description: 'Token rotations' });
  const throttled = meter.createCounter('bluebutton.rate_limited', { description: '429 answers' });
  const remaining = meter.createGauge('bluebutton.ratelimit.remaining', {
    description: "BB2's X-RateLimit-Remaining on the latest answer",
  });
  /**
   * The latest attempt's span per route stays open until the current tick's callbacks ran: the retry
   * policy reports a retry right after the answer, and its delay belongs on that attempt's span.
   */
  const open = new Map<string, Span>();
  const key = (method: string, path: string) => `${method} ${path}`;

  return {
    onRequest(info) {
      user.onRequest?.(info);
    },
    onResponse(info) {
      const template = urlTemplate(info.path);
      const attributes = {
        'http.request.method': info.method,
        'url.template': template,
        'http.response.status_code': info.status,
        'bluebutton.attempt': info.attempt,
      };
      const span = tracer.startSpan(`${info.method} ${template}`, {
        kind: SpanKind.CLIENT,
        startTime: Date.now() - info.durationMs,
        attributes,
      });
      if (info.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      const k = key(info.method, info.path);
      open.get(k)?.end();
      open.set(k, span);
      setTimeout(() => {
        if (open.get(k) === span) open.delete(k);
        span.end();
      }, 0).unref?.();
      requests.add(1, {
        'http.request.method': info.method,
        'url.template': template,
        'http.response.status_code': info.status,
      });
      if (info.status === 429) throttled.add(1, { 'url.template': template });
      if (info.rateLimit?.remaining !== undefined) remaining.record(info.rateLimit.remaining);
      user.onResponse?.(info);
    },
    onRetry(info) {
      const template = urlTemplate(info.path);
      open.get(key(info.method, info.path))?.setAttributes({
        'bluebutton.retry_delay_ms': info.delayMs,
        'bluebutton.retry_reason': String(info.reason),
      });
      retries.add(1, { 'url.template': template, 'bluebutton.retry_reason': String(info.reason) });
      user.onRetry?.(info);
    },
    onCircuitOpen(info) {
      user.onCircuitOpen?.(info);
    },
    onPageWalk(info) {
      const template = urlTemplate(info.path);
      const span = tracer.startSpan('bluebutton.page_walk', {
        startTime: Date.now() - info.durationMs,
        attributes: {
          'url.template': template,
          'bluebutton.pages': info.pages,
          'bluebutton.items': info.items,
          'bluebutton.walk.outcome': info.outcome,
          ...(info.errorCode === undefined ? {} : { 'error.type': info.errorCode }),
        },
      });
      if (info.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      user.onPageWalk?.(info);
    },
    async onTokenRefresh(token) {
      const span = tracer.startSpan('bluebutton.token_refresh', {
        attributes: { 'bluebutton.api_version': token.version ?? 2 },
      });
      refreshes.add(1);
      try {
        await user.onTokenRefresh?.(token);
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw e;
      } finally {
        span.end();
      }
    },
  };
}
