/**
 * Entry for Node, Bun and Deno: reads the input (JSON) from argv, prints `SMOKE <result JSON>`.
 * Uses each runtime's own inspect, which is what console.log prints.
 */
import { runSmoke, type SmokeInput } from './smoke-flow.js';

declare const Bun: { version: string; inspect: (value: unknown) => string } | undefined;
declare const Deno:
  | { version: { deno: string }; args: string[]; inspect: (value: unknown) => string }
  | undefined;

const input = JSON.parse(
  typeof Deno !== 'undefined' ? (Deno.args[0] ?? '{}') : (process.argv[2] ?? '{}'),
) as SmokeInput;
const util = await import('node:util');
const [runtime, inspect] =
  typeof Bun !== 'undefined'
    ? [`bun ${Bun.version}`, Bun.inspect]
    : typeof Deno !== 'undefined'
      ? [`deno ${Deno.version.deno}`, Deno.inspect]
      : [`node ${process.version}`, (v: unknown) => util.inspect(v, { showHidden: true, depth: 6 })];
const result = await runSmoke(runtime, input, inspect);
console.log(`SMOKE ${JSON.stringify(result)}`);
