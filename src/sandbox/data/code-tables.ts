/**
 * The clinical vocabulary claims draw from: ICD-10-CM diagnoses, HCPCS/CPT services, revenue centres
 * and drugs, each with a plausible Medicare allowed amount in cents. Amounts are illustrative, not
 * fee schedules; NDC product codes are synthetic and name no real package.
 */

export interface Diagnosis {
  /** ICD-10-CM with the dot (`E11.9`); v1/v2 send it without. */
  readonly code: string;
  readonly display: string;
}

export const DIAGNOSES: readonly Diagnosis[] = [
  { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
  { code: 'I10', display: 'Essential (primary) hypertension' },
  { code: 'E78.5', display: 'Hyperlipidemia, unspecified' },
  {
    code: 'I25.10',
    display: 'Atherosclerotic heart disease of native coronary artery without angina pectoris',
  },
  { code: 'I48.91', display: 'Unspecified atrial fibrillation' },
  { code: 'I50.9', display: 'Heart failure, unspecified' },
  { code: 'J44.9', display: 'Chronic obstructive pulmonary disease, unspecified' },
  { code: 'N18.30', display: 'Chronic kidney disease, stage 3 unspecified' },
  { code: 'M17.11', display: 'Unilateral primary osteoarthritis, right knee' },
  { code: 'M81.0', display: 'Age-related osteoporosis without current pathological fracture' },
  { code: 'E03.9', display: 'Hypothyroidism, unspecified' },
  { code: 'K21.9', display: 'Gastro-esophageal reflux disease without esophagitis' },
  { code: 'J18.9', display: 'Pneumonia, unspecified organism' },
  { code: 'N39.0', display: 'Urinary tract infection, site not specified' },
  { code: 'G47.33', display: 'Obstructive sleep apnea (adult) (pediatric)' },
  { code: 'H25.9', display: 'Unspecified age-related cataract' },
  { code: 'M54.50', display: 'Low back pain, unspecified' },
  { code: 'R53.83', display: 'Other fatigue' },
  { code: 'Z00.00', display: 'Encounter for general adult medical examination without abnormal findings' },
  { code: 'I63.9', display: 'Cerebral infarction, unspecified' },
  { code: 'A41.9', display: 'Sepsis, unspecified organism' },
  { code: 'J44.1', display: 'Chronic obstructive pulmonary disease with (acute) exacerbation' },
];

export interface ServiceCode {
  /** HCPCS Level I (CPT, 5 digits) or Level II (letter + 4 digits). */
  readonly code: string;
  readonly display: string;
  /** Allowed amount per unit, in cents. */
  readonly unitCents: number;
  /** line_cms_type_srvc_cd. */
  readonly typeOfService: string;
  readonly typeOfServiceDisplay: string;
}

const MEDICAL = ['1', 'Medical care'] as const;
const LAB = ['5', 'Diagnostic laboratory'] as const;
const RADIOLOGY = ['4', 'Diagnostic radiology'] as const;
const DME_RENTAL = ['R', 'Rental of DME'] as const;
const DME_PURCHASE = ['P', 'Lump sum purchase of DME, prosthetics orthotics'] as const;
const SUPPLIES = ['9', 'Other medical items or services'] as const;

function service(code: string, display: string, unitCents: number, tos: readonly [string, string]) {
  return { code, display, unitCents, typeOfService: tos[0], typeOfServiceDisplay: tos[1] };
}

export const PROFESSIONAL_SERVICES: readonly ServiceCode[] = [
  service('99213', 'Office or other outpatient visit, established patient, low complexity', 9_200, MEDICAL),
  service(
    '99214',
    'Office or other outpatient visit, established patient, moderate complexity',
    13_000,
    MEDICAL,
  ),
  service('99203', 'Office or other outpatient visit, new patient, low complexity', 11_000, MEDICAL),
  service(
    'G0439',
    'Annual wellness visit, includes a personalized prevention plan, subsequent',
    13_000,
    MEDICAL,
  ),
  service('92014', 'Ophthalmological examination, established patient', 12_500, MEDICAL),
  service('97110', 'Therapeutic exercises, each 15 minutes', 2_900, MEDICAL),
  service('36415', 'Collection of venous blood by venipuncture', 300, LAB),
  service('80053', 'Comprehensive metabolic panel', 1_100, LAB),
  service('85025', 'Complete blood count with automated differential', 800, LAB),
  service('83036', 'Hemoglobin A1c', 1_000, LAB),
  service('80061', 'Lipid panel', 1_300, LAB),
  service('93000', 'Electrocardiogram, routine, with interpretation and report', 1_700, MEDICAL),
  service('71046', 'Radiologic examination, chest; 2 views', 3_000, RADIOLOGY),
  service(
    '77080',
    'Dual-energy X-ray absorptiometry (DXA), bone density study, axial skeleton',
    4_000,
    RADIOLOGY,
  ),
];

export const DME_SERVICES: readonly ServiceCode[] = [
  service('E0601', 'Continuous positive airway pressure (CPAP) device', 10_000, DME_RENTAL),
  service('A7030', 'Full face mask used with positive airway pressure device, each', 15_000, SUPPLIES),
  service(
    'A4253',
    'Blood glucose test or reagent strips for home blood glucose monitor, per 50 strips',
    900,
    SUPPLIES,
  ),
  service('A4259', 'Lancets, per box of 100', 500, SUPPLIES),
  service('E0143', 'Walker, folding, wheeled, adjustable or fixed height', 5_000, DME_PURCHASE),
  service('E1390', 'Oxygen concentrator, single delivery port', 17_000, DME_RENTAL),
  service('K0001', 'Standard wheelchair', 3_500, DME_RENTAL),
  service(
    'E0260',
    'Hospital bed, semi-electric, with any type side rails, with mattress',
    13_000,
    DME_RENTAL,
  ),
];

export interface RevenueLine {
  /** Revenue centre code (rev_cntr, NUBC). */
  readonly revenue: string;
  readonly revenueDisplay: string;
  /** HCPCS on the line; room-and-board style lines carry none. */
  readonly hcpcs: string | undefined;
  readonly unitCents: number;
  /** Billed once per day of the stay instead of once per line. */
  readonly perDay: boolean;
}

function revenue(
  revenueCode: string,
  display: string,
  hcpcs: string | undefined,
  cents: number,
  perDay = false,
) {
  return { revenue: revenueCode, revenueDisplay: display, hcpcs, unitCents: cents, perDay };
}

/** Revenue-centre lines per institutional claim type; the first line is always billed. */
export const REVENUE_LINES = {
  inpatient: [
    revenue('0120', 'Room & Board - Semi-private two bed - general', undefined, 250_000, true),
    revenue('0250', 'Pharmacy - general', undefined, 60_000),
    revenue('0300', 'Laboratory - general', '80053', 40_000),
    revenue('0320', 'Radiology - diagnostic - general', '71046', 35_000),
    revenue('0200', 'Intensive care unit - general', undefined, 400_000),
  ],
  outpatient: [
    revenue('0450', 'Emergency room - general', '99284', 28_000),
    revenue('0510', 'Clinic - general', 'G0463', 12_000),
    revenue('0300', 'Laboratory - general', '80053', 1_100),
    revenue('0320', 'Radiology - diagnostic - general', '71046', 3_000),
    revenue('0730', 'EKG/ECG - general', '93005', 1_000),
    revenue('0420', 'Physical therapy - general', '97110', 2_900),
  ],
  snf: [
    revenue('0120', 'Room & Board - Semi-private two bed - general', undefined, 60_000, true),
    revenue('0420', 'Physical therapy - general', '97110', 20_000),
    revenue('0430', 'Occupational therapy - general', '97535', 18_000),
    revenue('0250', 'Pharmacy - general', undefined, 15_000),
  ],
  hha: [
    revenue('0551', 'Skilled nursing - visit charge', 'G0299', 16_000),
    revenue('0421', 'Physical therapy - visit charge', 'G0151', 18_000),
    revenue('0571', 'Home health aide - visit charge', 'G0156', 7_000),
  ],
  hospice: [
    revenue('0651', 'Hospice service - routine home care', undefined, 20_000, true),
    revenue('0551', 'Skilled nursing - visit charge', 'G0299', 16_000),
  ],
} as const satisfies Record<string, readonly RevenueLine[]>;

export interface Drug {
  /** 11-digit NDC (5-4-2 without dashes). */
  readonly ndc: string;
  /** `Proprietary - NONPROPRIETARY`, as BB2 displays NDCs. */
  readonly display: string;
  /** Total cost of a 30-day fill, in cents. */
  readonly fillCents: number;
}

export const DRUGS: readonly Drug[] = [
  { ndc: '68180051001', display: 'Atorvastatin Calcium - ATORVASTATIN CALCIUM', fillCents: 1_200 },
  { ndc: '68180051301', display: 'Lisinopril - LISINOPRIL', fillCents: 600 },
  { ndc: '00093104801', display: 'Metformin Hydrochloride - METFORMIN HYDROCHLORIDE', fillCents: 800 },
  { ndc: '00093716701', display: 'Amlodipine Besylate - AMLODIPINE BESYLATE', fillCents: 700 },
  { ndc: '00378180101', display: 'Levothyroxine Sodium - LEVOTHYROXINE SODIUM', fillCents: 1_500 },
  { ndc: '55111064501', display: 'Omeprazole - OMEPRAZOLE', fillCents: 1_000 },
  { ndc: '00093715301', display: 'Simvastatin - SIMVASTATIN', fillCents: 600 },
  { ndc: '00378205201', display: 'Losartan Potassium - LOSARTAN POTASSIUM', fillCents: 1_100 },
  { ndc: '00378459201', display: 'Metoprolol Succinate - METOPROLOL SUCCINATE', fillCents: 1_800 },
  { ndc: '00591060701', display: 'Hydrochlorothiazide - HYDROCHLOROTHIAZIDE', fillCents: 500 },
  { ndc: '00228263611', display: 'Gabapentin - GABAPENTIN', fillCents: 1_400 },
  { ndc: '68180035209', display: 'Tamsulosin Hydrochloride - TAMSULOSIN HYDROCHLORIDE', fillCents: 1_300 },
  { ndc: '00003089421', display: 'Eliquis - APIXABAN', fillCents: 58_000 },
  { ndc: '00088221905', display: 'Lantus Solostar - INSULIN GLARGINE', fillCents: 45_000 },
];

/** line_place_of_srvc_cd values for physician/supplier lines. */
export const PLACES_OF_SERVICE: readonly { readonly code: string; readonly display: string }[] = [
  { code: '11', display: 'Office' },
  { code: '11', display: 'Office' },
  { code: '22', display: 'On Campus-Outpatient Hospital' },
  { code: '81', display: 'Independent Laboratory' },
  { code: '12', display: 'Home' },
];
