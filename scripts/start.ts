/**
 * `npm start`: what a new user does, for v1, v2 and v3, against a local BB2 sandbox on a free port:
 * authorize URL, consent as a synthetic beneficiary, code exchange, Patient, Coverage, userinfo, every EOB
 * page (and v3's insurance card), one token refresh (the sandbox expires the token mid-walk), then a summary.
 * Uses only the public API (bluebutton-ts and bluebutton-ts/sandbox).
 */

import { type ApiVersion, BlueButton, type ClaimType } from 'bluebutton-ts';
import { claimTypeOf, describeClaim, toClaim } from 'bluebutton-ts/claims';
import { startSandbox } from 'bluebutton-ts/sandbox';
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';

/** v1 EOBs are STU3, v2 and v3 R4: the fields summed here exist in both. */
type Eob = fhir3.ExplanationOfBenefit | fhir4.ExplanationOfBenefit;

interface Summary {
  version: ApiVersion;
  patient: string;
  requests: number;
  ms: number;
  name: string;
  coverages: string[];
  byType: Map<ClaimType, { claims: number; paid: number }>;
  first: string;
  last: string;
  pages: number;
  refreshes: number;
  card?: number;
  /** A few claims in plain words (bluebutton-ts/claims), one per claim type seen first. */
  readable: string[];
}

function tally(s: Summary, eob: Eob): void {
  const type = claimTypeOf(eob);
  if (type) {
    const t = s.byType.get(type) ?? { claims: 0, paid: 0 };
    s.byType.set(type, { claims: t.claims + 1, paid: t.paid + (eob.payment?.amount?.value ?? 0) });
  }
  const start = eob.billablePeriod?.start;
  if (start && (!s.first || start < s.first)) s.first = start;
  const end = eob.billablePeriod?.end ?? start;
  if (end && end > s.last) s.last = end;
}

async function run(version: ApiVersion, sandbox: Awaited<ReturnType<typeof startSandbox>>) {
  const started = performance.now();
  const counter = { requests: 0 };
  const bb = new BlueButton({
    ...sandbox.config({ version }),
    hooks: { onRequest: () => void counter.requests++ },
  });
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), { beneficiary: 0 });
  const token = await bb.handleCallback(authData, callback);
  const s: Summary = {
    version,
    patient: token.patient,
    requests: 0,
    ms: 0,
    name: '',
    coverages: [],
    byType: new Map(),
    first: '',
    last: '',
    pages: 0,
    refreshes: 0,
    readable: [],
  };
  const described = new Set<string>();
  const client = bb.client(token, { onTokenRefresh: () => void s.refreshes++ });
  const ns = version === 1 ? client.v1 : version === 2 ? client.v2 : client.v3;

  const patient = await ns.Patient.read(token.patient);
  s.name = patient.name?.[0]?.given?.[0] ?? '';
  const coverage = await ns.Coverage.search();
  s.coverages = (coverage.entry ?? []).map((e) => e.resource?.id ?? '?');
  const me = await ns.userinfo();
  s.name = me.name ?? s.name;

  // An hour passes mid-walk: the sandbox expires the token on page 3, the client refreshes once and goes on.
  const route = `GET /v${version}/fhir/ExplanationOfBenefit/`;
  sandbox.faults.set(route, ['pass', 'pass', 'expire-token']);
  for await (const page of ns.ExplanationOfBenefit.pages({ _count: 50 })) {
    s.pages++;
    for (const e of page.entry ?? []) {
      if (!e.resource) continue;
      tally(s, e.resource);
      const claim = toClaim(e.resource);
      if (s.readable.length < 3 && !described.has(claim.type)) {
        described.add(claim.type);
        s.readable.push(describeClaim(claim, { lang: version === 3 ? 'es' : 'en' }));
      }
    }
  }
  sandbox.faults.clear(route);
  if (version === 3) s.card = (await client.v3.Patient.generateInsuranceCard()).entry?.length ?? 0;
  s.requests = counter.requests;
  s.ms = performance.now() - started;
  return s;
}

function print(s: Summary): void {
  const claims = [...s.byType.values()].reduce((n, t) => n + t.claims, 0);
  const paid = [...s.byType.values()].reduce((n, t) => n + t.paid, 0);
  console.log(`\nv${s.version}  patient ${s.patient}  ${s.name}`);
  console.log(`    coverage: ${s.coverages.join(', ')}`);
  console.log(
    `    ${claims} claims in ${s.pages} pages, ${s.first} to ${s.last}; Medicare paid $${paid.toFixed(2)}`,
  );
  for (const [type, t] of [...s.byType].sort((a, b) => b[1].claims - a[1].claims)) {
    console.log(
      `      ${type.padEnd(10)} ${String(t.claims).padStart(4)} claims  $${t.paid.toFixed(2).padStart(11)}`,
    );
  }
  for (const line of s.readable) console.log(`    - ${line}`);
  const card = s.card === undefined ? '' : `, insurance card of ${s.card} resources`;
  console.log(
    `    token refreshed ${s.refreshes}x mid-walk${card}; ${s.requests} requests in ${s.ms.toFixed(0)} ms`,
  );
}

const started = performance.now();
const sandbox = await startSandbox({ seed: 1, beneficiaries: 3, eobsPerBeneficiary: 240 });
try {
  const users = sandbox.dataset.beneficiaries.length;
  console.log(`Local Blue Button sandbox at ${sandbox.url} (seed 1, ${users} synthetic beneficiaries)`);
  let requests = 0;
  for (const version of [1, 2, 3] as const) {
    const s = await run(version, sandbox);
    requests += s.requests;
    print(s);
  }
  const ms = performance.now() - started;
  console.log(
    `\nDone: ${requests} API requests in ${(ms / 1000).toFixed(2)} s. Next: \`npm test\`, then README.md;\n` +
      'the same from the command line: npx bluebutton sandbox, then bluebutton login, whoami, export (bluebutton --help).',
  );
} finally {
  await sandbox.close();
}
