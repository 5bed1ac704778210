/**
 * The published shape: build into a temp package, then consume it as users do. ESM import and CommonJS
 * require (require(esm) on Node 20.19+), the `bluebutton` bin, publint, and the .d.ts files compiled by
 * consumers under NodeNext, Node16 and Bundler resolution with `types: []`, plus a loose (non-strict) one.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (p: string) => join(ROOT, 'node_modules', p);
let work: string;
let pkg: string;
let consumer: string;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'bb-package-'));
  pkg = join(work, 'bluebutton-ts');
  mkdirSync(pkg);
  const build = run(
    [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')],
    ROOT,
  );
  expect(build.out).toBe('');
  for (const f of ['package.json', 'bin', 'README.md'])
    cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  consumer = join(work, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  symlinkSync(pkg, join(consumer, 'node_modules', 'bluebutton-ts'), 'dir');
  // The consumer sees our runtime dependencies (including @types/fhir) as an npm install would hoist them.
  for (const dep of ['@types', 'openapi-fetch', 'openapi-typescript-helpers', 'cockatiel', 'yaml']) {
    symlinkSync(join(ROOT, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
  }
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the built package', () => {
  test('imports as ESM and requires as CommonJS', () => {
    const esm = run(
      [
        '--input-type=module',
        '-e',
        "const m = await import('bluebutton-ts'); console.log(typeof m.BlueButton, typeof m.isBlueButtonError)",
      ],
      consumer,
    );
    expect(esm.out.trim()).toBe('function function');
    const cjs = run(
      [
        '-e',
        "const m = require('bluebutton-ts'); const s = require('bluebutton-ts/sandbox'); const c = require('bluebutton-ts/claims'); console.log(typeof m.BlueButton, typeof s.startSandbox, typeof c.toClaim)",
      ],
      consumer,
    );
    expect(cjs.out.trim().split('\n').at(-1)).toBe('function function function');
  });

  test('the bluebutton bin runs', () => {
    const help = run([join(pkg, 'bin', 'bluebutton.js'), '--help'], consumer);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: bluebutton <command>[\s\S]*sandbox\s+Start a local Blue Button/);
  });

  test('publint finds nothing', () => {
    const lint = run([bin('publint/src/cli.js'), '--strict', pkg], ROOT);
    expect(lint.out).toContain('All good!');
  });

  // NodeNext and the loose consumer are CommonJS files (require(esm)); Node16 predates that, so it is ESM.
  test.each([
    ['NodeNext', 'use.ts', { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }],
    ['Node16', 'use.mts', { module: 'Node16', moduleResolution: 'Node16', strict: true }],
    ['Bundler', 'use.ts', { module: 'ESNext', moduleResolution: 'Bundler', strict: true }],
    ['loose (strict: false)', 'use.ts', { module: 'NodeNext', moduleResolution: 'NodeNext', strict: false }],
  ])('a %s consumer typechecks against the published .d.ts', (name, file, options) => {
    const dir = join(consumer, name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...options,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
          noEmit: true,
          skipLibCheck: false,
        },
        files: [file],
      }),
    );
    writeFileSync(
      join(dir, file),
      `import { BlueButton, type AuthorizationToken } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { describeClaim, isPharmacyClaim, toClaim, toCsv } from 'bluebutton-ts/claims';
export async function use(token: AuthorizationToken) {
  const sandbox = await startSandbox({ port: 0 });
  const bb = new BlueButton({ ...sandbox.config(), version: 2 });
  const client = bb.client(token);
  const page = await client.v2.ExplanationOfBenefit.search({ type: ['pde'], _count: 50 });
  const status: 'active' | 'cancelled' | 'draft' | 'entered-in-error' | undefined = page.entry?.[0]?.resource?.status;
  // @ts-expect-error an unprefixed date does not compile for consumers either
  await client.v2.ExplanationOfBenefit.search({ 'service-date': ['2023-01-01'] });
  const card = await bb.client(token).v3.Patient.generateInsuranceCard();
  const eob = page.entry?.[0]?.resource;
  const claim = eob ? toClaim(eob) : undefined;
  const days: number | undefined = claim && isPharmacyClaim(claim) ? claim.daysSupply : undefined;
  for await (const row of toCsv(client.v2.ExplanationOfBenefit.all())) void row;
  return [status, card.type, days, claim && describeClaim(claim, { lang: 'es' })] as const;
}
`,
    );
    const tsc = run([bin('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], dir);
    expect(tsc.out).toBe('');
  });
});
