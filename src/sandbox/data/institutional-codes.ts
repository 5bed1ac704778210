/**
 * The vocabulary of a facility claim's header and of line modifiers: ICD-10-PCS procedures, NUBC
 * admission types, patient discharge statuses, MS-DRGs, claim frequency codes and HCPCS modifiers.
 * Codes are real code-set values; the lists are a plausible sample, not a distribution.
 */
import type { CodeDisplay } from './claim-types.js';

/** ICD-10-PCS procedures a stay can carry. */
export const PROCEDURES: readonly CodeDisplay[] = [
  { code: '0SRD0JZ', display: 'Replacement of left knee joint with synthetic substitute, open approach' },
  { code: '0SR90JZ', display: 'Replacement of right hip joint with synthetic substitute, open approach' },
  { code: '02703ZZ', display: 'Dilation of coronary artery, one artery, percutaneous approach' },
  { code: '0DTJ4ZZ', display: 'Resection of appendix, percutaneous endoscopic approach' },
  { code: '5A1955Z', display: 'Respiratory ventilation, greater than 96 consecutive hours' },
  { code: '30233N1', display: 'Transfusion of nonautologous red blood cells into peripheral vein' },
  { code: 'B2111ZZ', display: 'Fluoroscopy of multiple coronary arteries using low osmolar contrast' },
  { code: '0FT44ZZ', display: 'Resection of gallbladder, percutaneous endoscopic approach' },
  { code: '3E0336Z', display: 'Introduction of nutritional substance into peripheral vein' },
  { code: '0W9G3ZZ', display: 'Drainage of peritoneal cavity, percutaneous approach' },
];

/** NUBC priority (type) of admission, clm_ip_admsn_type_cd. */
export const ADMISSION_TYPES: readonly CodeDisplay[] = [
  { code: '1', display: 'Emergency' },
  { code: '2', display: 'Urgent' },
  { code: '3', display: 'Elective' },
  { code: '9', display: 'Information not available' },
];

/** Patient discharge status (ptnt_dschrg_stus_cd), unpadded as BB2 sends the CCW code. */
export const DISCHARGE_STATUSES = {
  home: { code: '1', display: 'Discharged to home/self care (routine charge).' },
  snf: { code: '3', display: 'Discharged/transferred to skilled nursing facility (SNF).' },
  homeHealth: { code: '6', display: 'Discharged/transferred to home care of organized home health service.' },
  expired: { code: '20', display: 'Expired (did not recover).' },
  stillPatient: { code: '30', display: 'Still patient.' },
  hospiceHome: { code: '50', display: 'Discharged/transferred to a Hospice - home.' },
  hospiceFacility: { code: '51', display: 'Discharged/transferred to a Hospice - medical facility.' },
} as const satisfies Record<string, CodeDisplay>;

/** MS-DRGs of acute stays and of SNF stays that follow them. */
export const DRGS: readonly string[] = ['871', '291', '470', '194', '690', '065', '190', '392', '603'];

/** clm_freq_cd: the last digit of the type of bill. */
export const CLAIM_FREQUENCIES = {
  admitThroughDischarge: { code: '1', display: 'Admit thru discharge claim' },
  interimFirst: { code: '2', display: 'Interim - first claim' },
  interimContinuing: { code: '3', display: 'Interim - continuing claim' },
  interimLast: { code: '4', display: 'Interim - last claim' },
} as const satisfies Record<string, CodeDisplay>;

/** HCPCS modifiers per line layout: Level I (two digits) and Level II (letters). */
export const MODIFIERS = {
  professional: ['25', '59', 'LT', 'RT', '26', 'TC', 'GA', 'QW'],
  dme: ['NU', 'RR', 'KX', 'KH', 'KI', 'GA'],
  institutional: ['25', '59', 'GP', 'GO', 'JW', 'PO'],
} as const satisfies Record<string, readonly string[]>;
