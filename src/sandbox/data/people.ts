/**
 * Small tables the beneficiary generator draws from. Names are common US names with no link to any
 * real beneficiary; states carry both the SSA code BB2 v1/v2 send and the USPS code v3 sends.
 */

export const MALE_GIVEN_NAMES: readonly string[] = [
  'James',
  'Robert',
  'John',
  'Michael',
  'William',
  'David',
  'Richard',
  'Joseph',
  'Thomas',
  'Charles',
  'Donald',
  'George',
  'Kenneth',
  'Ronald',
  'Edward',
  'Gary',
  'Larry',
  'Frank',
  'Raymond',
  'Walter',
];

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  'Mary',
  'Patricia',
  'Linda',
  'Barbara',
  'Elizabeth',
  'Susan',
  'Margaret',
  'Dorothy',
  'Carol',
  'Nancy',
  'Betty',
  'Sandra',
  'Donna',
  'Sharon',
  'Joan',
  'Judith',
  'Helen',
  'Shirley',
  'Ruth',
  'Evelyn',
];

export const FAMILY_NAMES: readonly string[] = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
];

export interface StateInfo {
  /** SSA state code, as `Patient.address.state` in v1/v2. */
  readonly ssa: string;
  /** USPS code, as v3 sends it. */
  readonly usps: string;
  readonly city: string;
  /** First three digits of the ZIP codes drawn for this state. */
  readonly zipPrefix: string;
}

export const STATES: readonly StateInfo[] = [
  { ssa: '01', usps: 'AL', city: 'Birmingham', zipPrefix: '352' },
  { ssa: '03', usps: 'AZ', city: 'Phoenix', zipPrefix: '850' },
  { ssa: '05', usps: 'CA', city: 'Sacramento', zipPrefix: '958' },
  { ssa: '10', usps: 'FL', city: 'Tampa', zipPrefix: '336' },
  { ssa: '11', usps: 'GA', city: 'Atlanta', zipPrefix: '303' },
  { ssa: '14', usps: 'IL', city: 'Springfield', zipPrefix: '627' },
  { ssa: '15', usps: 'IN', city: 'Indianapolis', zipPrefix: '462' },
  { ssa: '22', usps: 'MA', city: 'Worcester', zipPrefix: '016' },
  { ssa: '23', usps: 'MI', city: 'Lansing', zipPrefix: '489' },
  { ssa: '31', usps: 'NJ', city: 'Trenton', zipPrefix: '086' },
  { ssa: '33', usps: 'NY', city: 'Albany', zipPrefix: '122' },
  { ssa: '34', usps: 'NC', city: 'Raleigh', zipPrefix: '276' },
  { ssa: '36', usps: 'OH', city: 'Columbus', zipPrefix: '432' },
  { ssa: '39', usps: 'PA', city: 'Harrisburg', zipPrefix: '171' },
  { ssa: '45', usps: 'TX', city: 'Austin', zipPrefix: '787' },
  { ssa: '49', usps: 'VA', city: 'Richmond', zipPrefix: '232' },
  { ssa: '50', usps: 'WA', city: 'Olympia', zipPrefix: '985' },
  { ssa: '52', usps: 'WI', city: 'Madison', zipPrefix: '537' },
];

/** BB2's `race` variable codes (v1/v2 Patient extension) and their OMB category for v3. */
export interface RaceInfo {
  readonly code: string;
  readonly display: string;
  readonly omb: { readonly code: string; readonly display: string };
}

export const RACES: readonly RaceInfo[] = [
  { code: '1', display: 'White', omb: { code: '2106-3', display: 'White' } },
  { code: '1', display: 'White', omb: { code: '2106-3', display: 'White' } },
  { code: '1', display: 'White', omb: { code: '2106-3', display: 'White' } },
  { code: '2', display: 'Black', omb: { code: '2054-5', display: 'Black or African American' } },
  { code: '4', display: 'Asian', omb: { code: '2028-9', display: 'Asian' } },
  { code: '0', display: 'Unknown', omb: { code: 'UNK', display: 'Unknown' } },
];
