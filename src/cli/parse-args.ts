/**
 * Command-line parsing for `bluebutton`.
 */
import { parseArgs } from 'node:util';

export const HELP = `Usage: bluebutton <command> [options]

Commands:
  sandbox               Start a local Blue Button 2.0 sandbox (OAuth 2.0 + PKCE, FHIR v1, v2 and v3)
                        on 127.0.0.1 with synthetic beneficiaries, until Ctrl+C

Options for sandbox:
  --port <n>            Port to listen on (default 8000: the LOCAL environment, http://localhost:8000;
                        0 picks a free port)
  --seed <n>            Seed of the synthetic data (default 1)
  --beneficiaries <n>   Number of synthetic beneficiaries (default 10)
  --eobs <n>            ExplanationOfBenefit claims per beneficiary (default 60)
  --latency <ms>        Delay added to every response (default 0)

  -h, --help            Show this help
`;

export interface SandboxCommand {
  readonly command: 'sandbox';
  readonly port: number;
  readonly seed: number;
  readonly beneficiaries: number;
  readonly eobs: number;
  readonly latency: number;
}

export type CliCommand =
  | SandboxCommand
  | { readonly command: 'help' }
  | { readonly command: 'error'; readonly message: string };

const NUMBER_OPTIONS = {
  port: { default: 8000, max: 65_535 },
  seed: { default: 1, max: Number.MAX_SAFE_INTEGER },
  beneficiaries: { default: 10, max: 100_000 },
  eobs: { default: 60, max: 1_000_000 },
  latency: { default: 0, max: 600_000 },
} as const;

type NumberOption = keyof typeof NUMBER_OPTIONS;

export function parseCommand(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { command: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help === true || command === undefined || command === 'help') return { command: 'help' };
  if (command !== 'sandbox') return { command: 'error', message: `Unknown command: ${command}` };
  if (extra.length > 0) return { command: 'error', message: `Unexpected argument: ${extra[0]}` };
  const numbers: Partial<Record<NumberOption, number>> = {};
  for (const name of Object.keys(NUMBER_OPTIONS) as NumberOption[]) {
    const value = readNumber(name, parsed.values[name]);
    if (typeof value === 'string') return { command: 'error', message: value };
    numbers[name] = value;
  }
  return {
    command: 'sandbox',
    port: numbers.port ?? NUMBER_OPTIONS.port.default,
    seed: numbers.seed ?? NUMBER_OPTIONS.seed.default,
    beneficiaries: numbers.beneficiaries ?? NUMBER_OPTIONS.beneficiaries.default,
    eobs: numbers.eobs ?? NUMBER_OPTIONS.eobs.default,
    latency: numbers.latency ?? NUMBER_OPTIONS.latency.default,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      seed: { type: 'string' },
      beneficiaries: { type: 'string' },
      eobs: { type: 'string' },
      latency: { type: 'string' },
    },
  });
}

/** The number, or an error message. */
function readNumber(name: NumberOption, raw: string | boolean | undefined): number | string {
  const spec = NUMBER_OPTIONS[name];
  if (raw === undefined || typeof raw === 'boolean') return spec.default;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  const min = name === 'beneficiaries' ? 1 : 0;
  if (!Number.isSafeInteger(value) || value < min || value > spec.max) {
    return `--${name} must be an integer from ${min} to ${spec.max}, got ${JSON.stringify(raw)}`;
  }
  return value;
}
