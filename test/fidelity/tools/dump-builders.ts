/**
 * Prints, as JSON by `${version}:${kind}`, what the typed builders alone emit for the fidelity sweep,
 * before any BB2 template is applied: the input derive-overlays.py compares the real samples with.
 *
 *   npx tsx test/fidelity/tools/dump-builders.ts > /tmp/builders.json
 */
import { createClaimDetail } from '../../../src/sandbox/data/claim-detail.js';
import { buildCoveragesR4, buildCoveragesV1 } from '../../../src/sandbox/data/coverage.js';
import { buildEobR4 } from '../../../src/sandbox/data/eob-r4.js';
import { buildEobV1 } from '../../../src/sandbox/data/eob-v1.js';
import { buildPatientR4, buildPatientV1 } from '../../../src/sandbox/data/patient.js';
import { sweepDataset } from '../sandbox-resources.js';

const dataset = sweepDataset();
const out: Record<string, unknown[]> = {};
const add = (key: string, resource: unknown) => {
  out[key] = [...(out[key] ?? []), resource];
};
for (const bene of dataset.beneficiaries) {
  add('1:Patient', buildPatientV1(dataset.seed, bene));
  add('2:Patient', buildPatientR4(dataset.seed, bene, 2));
  add('3:Patient', buildPatientR4(dataset.seed, bene, 3));
  for (const c of buildCoveragesV1(dataset.seed, bene)) add('1:Coverage', c);
  for (const c of buildCoveragesR4(dataset.seed, bene, 2)) add('2:Coverage', c);
  for (const c of buildCoveragesR4(dataset.seed, bene, 3)) add('3:Coverage', c);
  for (let i = 0; i < bene.eobCount; i++) {
    const header = dataset.claimHeader(bene, i);
    const detail = createClaimDetail(dataset.seed, bene.index, header);
    add(`1:${header.type}`, buildEobV1(bene, header, detail));
    add(`2:${header.type}`, buildEobR4(bene, 2, header, detail));
    add(`3:${header.type}`, buildEobR4(bene, 3, header, detail));
  }
}
process.stdout.write(JSON.stringify(out));
