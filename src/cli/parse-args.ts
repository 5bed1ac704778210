/**
 * Command-line parsing for `bluebutton` with `node:util` `parseArgs`: one option table per verb, so an
 * unknown verb or option is refused with the closest valid one as a suggestion.
 */
import { parseArgs } from 'node:util';
import { closestMatch } from '../config/suggest.js';
import { CLAIM_TYPES, type ClaimType } from '../index.js';
import { UsageError } from './cli-error.js';
import { VERBS } from './help.js';

type ApiVersion = 1 | 2 | 3;

interface Common {
  readonly debug: boolean;
}

export interface AppFiles {
  readonly config: string | undefined;
  readonly tokenFile: string | undefined;
}

export interface LoginCommand extends Common, AppFiles {
  readonly command: 'login';
  readonly apiVersion: ApiVersion | undefined;
  readonly scope: readonly string[] | undefined;
  readonly lang: 'en' | 'es' | undefined;
  readonly open: boolean;
  readonly timeoutSeconds: number;
}

export interface WhoamiCommand extends Common, AppFiles {
  readonly command: 'whoami';
  readonly json: boolean;
}

export const EXPORT_RESOURCES = {
  eob: 'ExplanationOfBenefit',
  coverage: 'Coverage',
  patient: 'Patient',
} as const;
export type ExportResource = (typeof EXPORT_RESOURCES)[keyof typeof EXPORT_RESOURCES];

export type Since = { readonly kind: 'auto' } | { readonly kind: 'date'; readonly value: string };

export interface ExportCommand extends Common, AppFiles {
  readonly command: 'export';
  readonly out: string;
  readonly resources: readonly ExportResource[];
  readonly types: readonly ClaimType[];
  readonly format: 'ndjson' | 'csv';
  readonly since: Since | undefined;
  readonly concurrency: number;
  readonly pageSize: number;
  readonly json: boolean;
}

export interface SandboxCommand extends Common {
  readonly command: 'sandbox';
  readonly port: number;
  readonly seed: number;
  readonly beneficiaries: number;
  readonly eobs: number;
  readonly latency: number;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly redirectUris: readonly string[];
  /** A JSON file of apps to register (`[{ clientId, clientSecret, redirectUris, name?, kind? }]`). */
  readonly appsFile: string | undefined;
}

export type CliCommand =
  | LoginCommand
  | WhoamiCommand
  | ExportCommand
  | SandboxCommand
  | { readonly command: 'help'; readonly verb: keyof typeof OPTIONS | undefined }
  | { readonly command: 'version' };

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

const GLOBAL = { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } } as const;
const FILES = { config: { type: 'string' }, 'token-file': { type: 'string' } } as const;

const OPTIONS = {
  login: {
    ...GLOBAL,
    ...FILES,
    version: { type: 'string' },
    scope: { type: 'string', multiple: true },
    lang: { type: 'string' },
    open: { type: 'boolean' },
    timeout: { type: 'string' },
  },
  whoami: { ...GLOBAL, ...FILES, json: { type: 'boolean' } },
  export: {
    ...GLOBAL,
    ...FILES,
    out: { type: 'string' },
    resources: { type: 'string' },
    type: { type: 'string' },
    format: { type: 'string' },
    since: { type: 'string' },
    concurrency: { type: 'string' },
    'page-size': { type: 'string' },
    json: { type: 'boolean' },
  },
  sandbox: {
    ...GLOBAL,
    port: { type: 'string' },
    seed: { type: 'string' },
    beneficiaries: { type: 'string' },
    eobs: { type: 'string' },
    latency: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    apps: { type: 'string' },
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;

type VerbWithOptions = keyof typeof OPTIONS;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** @throws {UsageError} naming the bad verb, option or value (with a suggestion when one is close). */
export function parseCommand(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const verb = first === 'help' ? rest[0] : undefined;
    if (verb !== undefined && !isVerb(verb)) throw unknownVerb(verb);
    return { command: 'help', verb: verb as VerbWithOptions | undefined };
  }
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first.startsWith('-')) {
    throw new UsageError(`expected a command before ${first} (bluebutton <command> [options])`);
  }
  if (!isVerb(first)) throw unknownVerb(first);
  const values = parseVerb(first, rest);
  if (values.help === true) return { command: 'help', verb: first };
  const debug = values.debug === true;
  switch (first) {
    case 'login':
      return {
        command: 'login',
        debug,
        ...files(values),
        apiVersion: apiVersion(values.version),
        scope: list(values.scope),
        lang: choices('login', 'lang', values.lang, ['en', 'es'] as const)?.[0],
        open: values.open === true,
        timeoutSeconds: integer('login', 'timeout', values.timeout, { min: 1, max: 86_400, default: 300 }),
      };
    case 'whoami':
      return { command: 'whoami', debug, ...files(values), json: values.json === true };
    case 'export':
      return exportCommand(values, debug);
    case 'sandbox':
      return sandboxCommand(values, debug);
  }
}

function isVerb(word: string): word is VerbWithOptions {
  return word in OPTIONS;
}

function unknownVerb(word: string): UsageError {
  const close = closestMatch(word, VERBS);
  return new UsageError(`unknown command ${JSON.stringify(word)}${close ? `; did you mean ${close}?` : ''}`);
}

function parseVerb(verb: VerbWithOptions, args: readonly string[]): Values {
  const options: Record<string, OptionSpec> = OPTIONS[verb];
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw parseError(verb, options, error);
  }
  const extra = parsed.positionals[0];
  if (extra !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(extra)}`, verb);
  return parsed.values;
}

function parseError(verb: VerbWithOptions, options: Record<string, OptionSpec>, error: unknown): UsageError {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'(-[^']*)'/.exec(message)?.[1] ?? '';
    const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
    const close = closestMatch(name, Object.keys(options));
    const hint = close ? `; did you mean --${close}?` : `; see bluebutton ${verb} --help`;
    return new UsageError(`unknown option ${flag} for ${verb}${hint}`, verb);
  }
  // parseArgs' own text ("Option '--out <value>' argument missing") names the option.
  return new UsageError(message.split('\n')[0] ?? message, verb);
}

function str(raw: Values[string]): string | undefined {
  return typeof raw === 'string' ? raw : undefined;
}

function files(values: Values): AppFiles {
  return { config: str(values.config), tokenFile: str(values['token-file']) };
}

/** `--scope a,b --scope c` and `--scope "a b"` give `[a, b, c]`. */
function list(raw: Values[string]): string[] | undefined {
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const items = (Array.isArray(raw) ? raw : [raw])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(/[\s,]+/))
    .filter(Boolean);
  return items;
}

function apiVersion(raw: Values[string]): ApiVersion | undefined {
  if (raw === undefined) return undefined;
  if (raw === '1' || raw === '2' || raw === '3') return Number(raw) as ApiVersion;
  throw new UsageError(`--version must be 1, 2 or 3, got ${JSON.stringify(raw)}`, 'login');
}

function integer(
  verb: VerbWithOptions,
  name: string,
  raw: Values[string],
  spec: { min: number; max: number; default: number },
): number {
  if (typeof raw !== 'string') return spec.default;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    throw new UsageError(
      `--${name} must be an integer from ${spec.min} to ${spec.max}, got ${JSON.stringify(raw)}`,
      verb,
    );
  }
  return value;
}

/** Each item of a comma list, checked against `allowed` (with a suggestion). */
function choices<T extends string>(
  verb: VerbWithOptions,
  name: string,
  raw: Values[string],
  allowed: readonly T[],
): T[] | undefined {
  const items = list(raw);
  if (items === undefined) return undefined;
  if (items.length === 0) throw new UsageError(`--${name} needs at least one of ${allowed.join(', ')}`, verb);
  return items.map((item) => {
    const found = allowed.find((a) => a === item.toLowerCase());
    if (found !== undefined) return found;
    const close = closestMatch(item, allowed);
    const hint = close ? `; did you mean ${close}?` : '';
    throw new UsageError(
      `--${name}: unknown value ${JSON.stringify(item)}${hint} (one of ${allowed.join(', ')})`,
      verb,
    );
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function since(raw: Values[string]): Since | undefined {
  if (typeof raw !== 'string') return undefined;
  if (raw === 'auto') return { kind: 'auto' };
  if ((DAY.test(raw) || INSTANT.test(raw)) && !Number.isNaN(Date.parse(raw)))
    return { kind: 'date', value: raw };
  throw new UsageError(
    `--since must be auto, a date (2024-01-31) or an instant with a zone (2024-01-31T12:00:00Z), got ${JSON.stringify(raw)}`,
    'export',
  );
}

function exportCommand(values: Values, debug: boolean): ExportCommand {
  const out = str(values.out);
  if (out === undefined || out === '') throw new UsageError('export needs --out <dir>', 'export');
  const resourceKeys = choices(
    'export',
    'resources',
    values.resources,
    Object.keys(EXPORT_RESOURCES) as (keyof typeof EXPORT_RESOURCES)[],
  );
  const [format] = choices('export', 'format', values.format, ['ndjson', 'csv'] as const) ?? ['ndjson'];
  const resources = [...new Set(resourceKeys ?? (['patient', 'coverage', 'eob'] as const))].map(
    (k) => EXPORT_RESOURCES[k],
  );
  const types = [...new Set(choices('export', 'type', values.type, CLAIM_TYPES) ?? [])];
  if (types.length > 0 && !resources.includes('ExplanationOfBenefit')) {
    throw new UsageError('--type filters EOBs: add eob to --resources', 'export');
  }
  return {
    command: 'export',
    debug,
    ...files(values),
    out,
    resources,
    types,
    format: format ?? 'ndjson',
    since: since(values.since),
    concurrency: integer('export', 'concurrency', values.concurrency, { min: 1, max: 8, default: 4 }),
    pageSize: integer('export', 'page-size', values['page-size'], { min: 1, max: 50, default: 50 }),
    json: values.json === true,
  };
}

function sandboxCommand(values: Values, debug: boolean): SandboxCommand {
  const n = (name: string, spec: { min: number; max: number; default: number }) =>
    integer('sandbox', name, values[name], spec);
  const redirectUris = list(values['redirect-uri']) ?? [];
  for (const uri of redirectUris) {
    if (!URL.canParse(uri))
      throw new UsageError(`--redirect-uri is not a URL: ${JSON.stringify(uri)}`, 'sandbox');
  }
  const clientId = str(values['client-id']);
  const clientSecret = str(values['client-secret']);
  const appsFile = str(values.apps);
  if (appsFile !== undefined && (clientId ?? clientSecret ?? values['redirect-uri']) !== undefined) {
    throw new UsageError(
      '--apps replaces --client-id, --client-secret and --redirect-uri: give one or the other',
      'sandbox',
    );
  }
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new UsageError('--client-id and --client-secret go together', 'sandbox');
  }
  return {
    command: 'sandbox',
    debug,
    port: n('port', { min: 0, max: 65_535, default: 8000 }),
    seed: n('seed', { min: 0, max: Number.MAX_SAFE_INTEGER, default: 1 }),
    beneficiaries: n('beneficiaries', { min: 1, max: 100_000, default: 10 }),
    eobs: n('eobs', { min: 0, max: 1_000_000, default: 60 }),
    latency: n('latency', { min: 0, max: 600_000, default: 0 }),
    clientId,
    clientSecret,
    redirectUris,
    appsFile,
  };
}
