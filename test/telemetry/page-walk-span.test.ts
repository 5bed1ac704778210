/**
 * A span per page walk through createTelemetryHooks, with the real OpenTelemetry SDK's in-memory exporter
 * against the sandbox: the search route, pages, items and how the walk ended (complete, limit, stopped by
 * the consumer, error), once per walk, and no token, patient id or MBI in any attribute.
 */
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type AuthorizationToken, BlueButton, type PageWalkInfo } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { createTelemetryHooks } from 'bluebutton-ts/telemetry';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { inMemoryTracer } from './helpers/in-memory-otel.js';

const EOB_ROUTE = 'GET /v2/fhir/ExplanationOfBenefit/';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 12 });
});
afterAll(() => sandbox?.close());

async function setup() {
  const { spans, tracer } = inMemoryTracer();
  const walks: PageWalkInfo[] = [];
  const bb = new BlueButton({
    ...sandbox.config(),
    version: 2,
    retrySettings: { total: 0 },
    hooks: createTelemetryHooks({ tracer, hooks: { onPageWalk: (info) => void walks.push(info) } }),
  });
  const authData = bb.generateAuthData();
  const token = await bb.handleCallback(authData, await sandbox.authorize(bb.generateAuthorizeUrl(authData)));
  const walkSpans = () => spans.getFinishedSpans().filter((s) => s.name === 'bluebutton.page_walk');
  return { client: bb.client(token), token, walks, walkSpans, spans };
}

const summary = (s: ReadableSpan) => ({
  template: s.attributes['url.template'],
  pages: s.attributes['bluebutton.pages'],
  items: s.attributes['bluebutton.items'],
  outcome: s.attributes['bluebutton.walk.outcome'],
  error: s.attributes['error.type'],
  status: s.status.code,
});

function expectNoSecrets(spans: readonly ReadableSpan[], token: AuthorizationToken) {
  const text = JSON.stringify(
    spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
  );
  const mbi = sandbox.dataset.beneficiaries[0]?.mbi;
  for (const secret of [token.accessToken, token.refreshToken, token.patient, mbi]) {
    expect(secret).toBeTruthy();
    expect(text).not.toContain(secret);
  }
}

test('complete, limited and consumer-stopped walks: one span each with route, pages, items and outcome', async () => {
  const { client, token, walks, walkSpans, spans } = await setup();
  const all = await client.v2.ExplanationOfBenefit.searchAll({ patient: token.patient, _count: 5 });
  expect(all).toHaveLength(12);
  const limited = [];
  for await (const page of client.v2.ExplanationOfBenefit.pages({ _count: 5 }, { maxPages: 2 }))
    limited.push(page);
  expect(limited).toHaveLength(2);
  for await (const _ of client.v2.ExplanationOfBenefit.pages({ _count: 5 })) break;
  for await (const _ of client.v2.ExplanationOfBenefit.all({ _count: 5 })) break;

  const route = '/v2/fhir/ExplanationOfBenefit/';
  expect(walkSpans().map(summary)).toEqual([
    { template: route, pages: 3, items: 12, outcome: 'complete', error: undefined, status: 0 },
    { template: route, pages: 2, items: 10, outcome: 'limit', error: undefined, status: 0 },
    { template: route, pages: 1, items: 5, outcome: 'stopped', error: undefined, status: 0 },
    { template: route, pages: 1, items: 5, outcome: 'stopped', error: undefined, status: 0 },
  ]);
  // The span covers the walk: it starts no later than its first page's request span.
  const [first] = walkSpans();
  const firstRequest = spans.getFinishedSpans().find((s) => s.name === `GET ${route}`);
  expect(first && firstRequest && first.startTime[0] <= firstRequest.startTime[0]).toBe(true);
  // The user's own hook sees each walk once, after the telemetry one.
  expect(walks.map((w) => w.outcome)).toEqual(['complete', 'limit', 'stopped', 'stopped']);
  expectNoSecrets(spans.getFinishedSpans(), token);
});

test('a walk that fails on a later page, or on its first, is one span with outcome error and the error code', async () => {
  const { client, token, walkSpans, spans } = await setup();
  sandbox.faults.set(EOB_ROUTE, ['pass', 400]);
  const later = await client.v2.ExplanationOfBenefit.searchAll({ patient: token.patient, _count: 5 }).catch(
    (e: unknown) => e,
  );
  sandbox.faults.set(EOB_ROUTE, [400]);
  const firstPage = await client.v2.ExplanationOfBenefit.searchAll({ _count: 5 }).catch((e: unknown) => e);
  sandbox.faults.clear();
  const codes = [later, firstPage].map((e) => (e as { code?: unknown }).code);
  expect(codes.every((c) => typeof c === 'string')).toBe(true);
  expect(walkSpans().map(summary)).toEqual([
    {
      template: '/v2/fhir/ExplanationOfBenefit/',
      pages: 1,
      items: 5,
      outcome: 'error',
      error: codes[0],
      status: 2,
    },
    {
      template: '/v2/fhir/ExplanationOfBenefit/',
      pages: 0,
      items: 0,
      outcome: 'error',
      error: codes[1],
      status: 2,
    },
  ]);
  expectNoSecrets(spans.getFinishedSpans(), token);
});

test('without an OpenTelemetry SDK the hooks are a no-op: the walk is unchanged and nothing is recorded', async () => {
  const exporter = new InMemorySpanExporter();
  // A provider that is never registered globally: the default (global, no-op) tracer must not reach it.
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  expect(trace.getTracer('bluebutton-ts').startSpan('probe').isRecording()).toBe(false);
  const bb = new BlueButton({ ...sandbox.config(), version: 2, hooks: createTelemetryHooks() });
  const authData = bb.generateAuthData();
  const token = await bb.handleCallback(authData, await sandbox.authorize(bb.generateAuthorizeUrl(authData)));
  const eobs = await bb.client(token).v2.ExplanationOfBenefit.searchAll({ _count: 5 });
  expect(eobs).toHaveLength(12);
  expect(exporter.getFinishedSpans()).toEqual([]);
});
