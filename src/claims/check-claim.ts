/**
 * `checkClaim(eob)`: what is missing or odd in an EOB against what the model reads and what the C4BB
 * profiles require. It never throws; the model reads such EOBs anyway (the field is absent).
 */
import { CODE_SYSTEMS } from '../types.js';
import { amountKindOf } from './amount.js';
import { claimTypeOf } from './claim-type.js';
import {
  CATEGORY_SYSTEMS,
  CLAIM_TYPE_CODE_SYSTEMS,
  CLAIM_TYPE_CODES,
  EOB_TYPE_SYSTEMS,
  V3_ADJUDICATION_SYSTEM,
} from './code-tables.js';
import {
  type AnyExplanationOfBenefit,
  codeIn,
  codingsOf,
  type LooseConcept,
  type LooseEob,
  list,
} from './fhir-loose.js';
import { sourceVersionOf } from './to-claim.js';

/** What a finding is about. */
export type ClaimFindingCode =
  | 'not-an-eob'
  | 'type-unknown'
  | 'type-conflict'
  | 'missing-patient'
  | 'missing-billable-period'
  | 'missing-provider'
  | 'missing-insurer'
  | 'missing-items'
  | 'missing-product-or-service'
  | 'system-whitespace'
  | 'unknown-adjudication'
  | 'adjudication-conflict'
  | 'mixed-currency';

/** One problem: its code, where (a FHIRPath-like path) and a message naming no PHI. */
export interface ClaimFinding {
  readonly code: ClaimFindingCode;
  readonly path: string;
  readonly message: string;
}

const KNOWN_ADJUDICATION_SYSTEMS: readonly string[] = [
  ...CATEGORY_SYSTEMS,
  CODE_SYSTEMS.adjudication,
  V3_ADJUDICATION_SYSTEM,
  'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator',
  'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBPayerAdjudicationStatus',
];

/** Every coding system with leading or trailing whitespace, anywhere in the resource. */
function whitespaceSystems(value: unknown, path: string, out: ClaimFinding[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      whitespaceSystems(v, `${path}[${i}]`, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k === 'system' && typeof v === 'string' && v !== v.trim()) {
        out.push({
          code: 'system-whitespace',
          path: at,
          message: `system "${v}" has surrounding whitespace`,
        });
      } else whitespaceSystems(v, at, out);
    }
  }
}

function checkAdjudication(category: LooseConcept | undefined, path: string, out: ClaimFinding[]): void {
  const codings = codingsOf(category);
  const systems = codings.map((c) => (typeof c?.system === 'string' ? c?.system.trim() : ''));
  if (codings.length > 0 && !systems.some((s) => KNOWN_ADJUDICATION_SYSTEMS.includes(s))) {
    out.push({
      code: 'unknown-adjudication',
      path,
      message: `no known adjudication system (${systems.join(', ')})`,
    });
    return;
  }
  const specific = amountKindOf({
    coding: codings.filter((c) => c?.system !== undefined && !CATEGORY_SYSTEMS.includes(c?.system)),
  });
  const generic = amountKindOf({
    coding: codings.filter((c) => c?.system !== undefined && CATEGORY_SYSTEMS.includes(c?.system)),
  });
  if (specific !== undefined && generic && specific !== generic) {
    const said = specific === null ? 'names an amount of no listed meaning' : `says ${specific}`;
    const used = specific === null ? `not counted as ${generic}` : `${specific} is used`;
    out.push({
      code: 'adjudication-conflict',
      path,
      message: `category says ${generic} but BB2's code ${said}; ${used}`,
    });
  }
}

/**
 * Lists what is missing or odd in an EOB of any version. Never throws; an empty list means nothing to say.
 *
 * @example
 * for (const f of checkClaim(eob)) console.warn(f.code, f.path, f.message);
 */
export function checkClaim(eob: AnyExplanationOfBenefit): readonly ClaimFinding[] {
  const e: LooseEob = eob;
  const out: ClaimFinding[] = [];
  if (typeof e !== 'object' || e === null || e.resourceType !== 'ExplanationOfBenefit') {
    return [{ code: 'not-an-eob', path: '', message: 'not an ExplanationOfBenefit resource' }];
  }
  const version = sourceVersionOf(e);
  const type = claimTypeOf(eob);
  if (!type)
    out.push({
      code: 'type-unknown',
      path: 'type',
      message: 'no eob-type or claim type code names the claim type',
    });
  const byEobType = codeIn(e.type, EOB_TYPE_SYSTEMS)?.toLowerCase();
  const nch = codeIn(e.type, CLAIM_TYPE_CODE_SYSTEMS);
  const byCode = nch === undefined ? undefined : CLAIM_TYPE_CODES[nch];
  if (byEobType && byCode && byEobType !== byCode) {
    out.push({
      code: 'type-conflict',
      path: 'type',
      message: `eob-type says ${byEobType}, claim type code ${nch} says ${byCode}`,
    });
  }
  if (!e.patient?.reference)
    out.push({ code: 'missing-patient', path: 'patient', message: 'no patient reference' });
  if (!e.billablePeriod?.start)
    out.push({
      code: 'missing-billable-period',
      path: 'billablePeriod',
      message: 'no billable period start',
    });
  if (!e.provider && !e.organization)
    out.push({ code: 'missing-provider', path: 'provider', message: 'no provider' });
  if (version !== 1 && !e.insurer)
    out.push({ code: 'missing-insurer', path: 'insurer', message: 'no insurer (required in R4)' });
  const items = list(e.item);
  if (items.length === 0) out.push({ code: 'missing-items', path: 'item', message: 'no claim lines' });
  const currencies = new Set<string>();
  items.forEach((item, i) => {
    // Required in R4 only: STU3 (v1) revenue-center lines legitimately have no `service`.
    const service = item?.productOrService;
    if (version !== 1 && codingsOf(service).length === 0 && !service?.text) {
      out.push({
        code: 'missing-product-or-service',
        path: `item[${i}].productOrService`,
        message: 'claim line without productOrService',
      });
    }
    list(item?.adjudication).forEach((a, j) => {
      checkAdjudication(a?.category, `item[${i}].adjudication[${j}].category`, out);
      const currency = a?.amount?.currency ?? a?.amount?.code;
      if (typeof currency === 'string') currencies.add(currency);
    });
  });
  list(e.total).forEach((t, i) => {
    checkAdjudication(t?.category, `total[${i}].category`, out);
  });
  if (currencies.size > 1)
    out.push({ code: 'mixed-currency', path: 'item', message: `amounts in ${[...currencies].join(', ')}` });
  whitespaceSystems(eob, '', out);
  return out;
}
