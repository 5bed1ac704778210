import { BlueButton } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { createTelemetryHooks, urlTemplate } from 'bluebutton-ts/telemetry';
import { expect, test } from 'vitest';
import { inMemoryMeter, inMemoryTracer } from './helpers/in-memory-otel.js';

test('urlTemplate keeps the route and drops ids and query values', () => {
  expect(urlTemplate('/v2/fhir/Patient/-20140000000001')).toBe('/v2/fhir/Patient/{id}');
  expect(urlTemplate('/v2/fhir/ExplanationOfBenefit/carrier--10000930038026?_count=5')).toBe(
    '/v2/fhir/ExplanationOfBenefit/{id}',
  );
  expect(urlTemplate('/v2/fhir/ExplanationOfBenefit/?patient=[redacted]&_count=5')).toBe(
    '/v2/fhir/ExplanationOfBenefit/',
  );
  expect(urlTemplate('/v3/fhir/Patient/$generate-insurance-card')).toBe(
    '/v3/fhir/Patient/$generate-insurance-card',
  );
});

test('spans and metrics for requests, a 429 retry and a token refresh, with no secret or PHI', async () => {
  const sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 7 });
  const { spans, tracer } = inMemoryTracer();
  const { reader, meter } = inMemoryMeter();
  try {
    const bb = new BlueButton({
      ...sandbox.config(),
      version: 2,
      retrySettings: { total: 2, backoffFactor: 0.01, jitter: false },
      hooks: createTelemetryHooks({ tracer, meter }),
    });
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData)),
    );
    const client = bb.client(token);
    const bene = sandbox.dataset.beneficiaries[0];
    sandbox.faults.set('GET /v2/fhir/ExplanationOfBenefit/', [{ status: 429, retryAfter: 0 }]);
    await client.v2.ExplanationOfBenefit.search({ _count: 5 });
    await client.v2.Patient.read(token.patient);
    sandbox.expireAccessTokens();
    await client.v2.Coverage.search();
    await new Promise((r) => setTimeout(r, 5)); // the last attempt spans end on the next timer tick

    const finished = spans.getFinishedSpans();
    const names = finished.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /v2/fhir/ExplanationOfBenefit/',
        'GET /v2/fhir/Patient/{id}',
        'GET /v2/fhir/Coverage/',
        'bluebutton.token_refresh',
      ]),
    );
    const eob = finished.filter((s) => s.name === 'GET /v2/fhir/ExplanationOfBenefit/');
    expect(
      eob.map((s) => [s.attributes['bluebutton.attempt'], s.attributes['http.response.status_code']]),
    ).toEqual([
      [1, 429],
      [2, 200],
    ]);
    expect(eob[0]?.attributes['bluebutton.retry_delay_ms']).toBeTypeOf('number');
    expect(eob[0]?.attributes['bluebutton.retry_reason']).toBe('429');
    expect(finished.filter((s) => s.name === 'bluebutton.token_refresh')).toHaveLength(1);
    expect(
      finished
        .filter((s) => s.name === 'GET /v2/fhir/Coverage/')
        .map((s) => s.attributes['http.response.status_code']),
    ).toEqual([401, 200]);

    const { resourceMetrics } = await reader.collect();
    const metrics = new Map(
      resourceMetrics.scopeMetrics.flatMap((m) => m.metrics).map((m) => [m.descriptor.name, m]),
    );
    const total = (name: string) =>
      (metrics.get(name)?.dataPoints ?? []).reduce(
        (n, p) => n + (typeof p.value === 'number' ? p.value : 0),
        0,
      );
    expect(total('bluebutton.requests')).toBe(
      sandbox.requests.filter((r) => r.path.includes('/fhir/') || r.path.includes('/o/token/')).length,
    );
    expect(total('bluebutton.rate_limited')).toBe(1);
    expect(total('bluebutton.retries')).toBe(1);
    expect(total('bluebutton.token_refreshes')).toBe(1);
    expect(metrics.get('bluebutton.ratelimit.remaining')?.dataPoints.length).toBe(1);

    const text = JSON.stringify([
      finished.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
      resourceMetrics.scopeMetrics,
    ]);
    for (const secret of [
      token.accessToken,
      token.refreshToken,
      client.token.accessToken,
      client.token.refreshToken,
      token.patient,
      bene?.mbi,
    ])
      expect(text).not.toContain(secret);
  } finally {
    await sandbox.close();
  }
});
