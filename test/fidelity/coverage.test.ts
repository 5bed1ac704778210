/**
 * Issue 12: how much of real BB2's structure the sandbox emits. For each API version and claim type
 * (and Patient, Coverage), the share of the real samples' paths (test/fidelity/paths.ts) that some
 * sandbox resource of the same kind also has: over the "core" paths (found in at least half of the
 * real resources of that kind) and over all of them. The test prints the table and fails below the bar.
 *
 * Set FIDELITY_MISSING=1 to also print the real paths the sandbox lacks.
 */
import { CLAIM_TYPES } from 'bluebutton-ts';
import { describe, expect, test } from 'vitest';
import { present, suiteName } from '../conformance/helpers/samples.js';
import { structurePaths } from './paths.js';
import { loadRealResources, type ResourceKind, realKey } from './real-resources.js';
import { sandboxResources, sweepDataset } from './sandbox-resources.js';

/** Issue 12's bar, for every claim type in every version that has real samples. */
const CORE_BAR = 0.9;
const ALL_BAR = 0.75;

const KINDS: readonly ResourceKind[] = ['Patient', 'Coverage', ...CLAIM_TYPES];
const VERSIONS = [1, 2, 3] as const;

interface Row {
  readonly version: 1 | 2 | 3;
  readonly kind: ResourceKind;
  readonly real: number;
  readonly core: number;
  readonly all: number;
  readonly coreShare: number;
  readonly allShare: number;
  readonly missingCore: readonly string[];
  readonly missingAll: readonly string[];
}

/** How often each path occurs across `resources` (once per resource). */
function pathCounts(resources: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    for (const path of structurePaths(resource)) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return counts;
}

function measure(): Row[] {
  const real = loadRealResources();
  const sandbox = sandboxResources(sweepDataset());
  const rows: Row[] = [];
  for (const version of VERSIONS) {
    for (const kind of KINDS) {
      const realList = real.byKey.get(realKey(version, kind)) ?? [];
      const emitted = new Set(pathCounts(sandbox.byKey.get(realKey(version, kind)) ?? []).keys());
      const counts = pathCounts(realList);
      const all = [...counts.keys()].sort();
      const core = all.filter((p) => (counts.get(p) ?? 0) * 2 >= realList.length);
      const missingAll = all.filter((p) => !emitted.has(p));
      const missingCore = core.filter((p) => !emitted.has(p));
      rows.push({
        version,
        kind,
        real: realList.length,
        core: core.length,
        all: all.length,
        coreShare: core.length === 0 ? 0 : 1 - missingCore.length / core.length,
        allShare: all.length === 0 ? 0 : 1 - missingAll.length / all.length,
        missingCore,
        missingAll,
      });
    }
  }
  return rows;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);

function table(rows: readonly Row[]): string {
  const lines = ['version kind        real-EOBs  core-paths  core%   all-paths  all%'];
  for (const r of rows) {
    const head = `v${r.version}      ${r.kind.padEnd(11)} ${String(r.real).padStart(9)}`;
    lines.push(
      r.real === 0
        ? `${head}  (no real samples of this type and version in ../shared/bb2-samples)`
        : `${head}  ${String(r.core).padStart(10)}  ${pct(r.coreShare)}  ${String(r.all).padStart(9)}  ${pct(r.allShare)}`,
    );
  }
  return lines.join('\n');
}

describe.skipIf(!present)(suiteName('sandbox fidelity: share of real BB2 paths'), () => {
  const rows = measure();

  test('prints the table; every claim type in every version reaches the bar', () => {
    console.log(
      `\nSandbox coverage of real BB2 paths (core = in >= half of the real resources)\n${table(rows)}`,
    );
    if (process.env.FIDELITY_MISSING) {
      for (const r of rows) {
        if (r.missingAll.length > 0)
          console.log(`\nv${r.version} ${r.kind} lacks:\n  ${r.missingAll.join('\n  ')}`);
      }
    }
    const below = rows
      .filter((r) => r.kind !== 'Patient' && r.kind !== 'Coverage' && r.real > 0)
      .filter((r) => r.coreShare < CORE_BAR || r.allShare < ALL_BAR)
      .map((r) => `v${r.version} ${r.kind}: core ${pct(r.coreShare)}, all ${pct(r.allShare)}`);
    expect(below).toEqual([]);
  });

  test('v1 and v2 have real samples of all eight claim types', () => {
    const missing = rows.filter((r) => r.version !== 3 && r.real === 0).map((r) => `v${r.version} ${r.kind}`);
    expect(missing).toEqual([]);
  });
});
