/**
 * What `bluebutton sandbox` prints on start: where it listens, the app's credentials (printing them is the
 * point: they are the sandbox's own synthetic app) and the synthetic users to log in as.
 */
import type { Sandbox } from '../sandbox/index.js';

export function sandboxSummary(sandbox: Sandbox): string {
  const local = `http://localhost:${sandbox.port}`;
  const several = sandbox.apps.length > 1;
  const apps = sandbox.apps.flatMap((app) => [
    ...(several ? [`  app            ${app.name ?? app.clientId} (${app.kind ?? 'thirteen-months'})`] : []),
    `  client_id      ${app.clientId}`,
    `  client_secret  ${app.clientSecret}`,
    ...app.redirectUris.map((uri) => `  redirect_uri   ${uri}`),
    ...(several ? [''] : []),
  ]);
  const lines = [
    `Blue Button 2.0 sandbox listening on ${sandbox.url} (also ${local})`,
    '',
    ...apps,
    `  authorize      ${local}/v2/o/authorize/   (v1, v2, v3: /v1/, /v2/, /v3/)`,
    `  token          ${local}/v2/o/token/`,
    `  FHIR           ${local}/v2/fhir/`,
    '',
    'Synthetic beneficiaries:',
    ...table(sandbox),
    '',
    'Press Ctrl+C to stop.',
  ];
  return `${lines.join('\n')}\n`;
}

function table(sandbox: Sandbox): string[] {
  const header = ['username', 'password', 'v2 patient id', 'v3 patient id', 'EOBs'];
  const rows = sandbox.dataset.beneficiaries.map((b) => [
    b.username,
    b.password,
    b.patientId.v2,
    b.patientId.v3,
    String(b.eobCount),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const format = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')}`;
  return [format(header), ...rows.map(format)];
}
