/**
 * One memory case in a fresh process (spawned by memory.ts): walks `all()` over one beneficiary's EOBs
 * and prints one JSON line with the EOB count, the time, and peak RSS before and after the walk.
 * Imports nothing but bluebutton-ts, so the RSS is the SDK's (plus Node and the tsx loader).
 */
import type { AuthorizationTokenJSON } from 'bluebutton-ts';
import type { RegisteredClient } from './sandbox-process.js';

export interface MemoryChildInput {
  readonly client: RegisteredClient;
  readonly token: AuthorizationTokenJSON;
  readonly concurrency: number;
}

export interface MemoryChildOutput {
  readonly count: number;
  readonly ms: number;
  /** `process.resourceUsage().maxRSS` (KiB) after importing the SDK, before the walk. */
  readonly startMaxRssKiB: number;
  /** `process.resourceUsage().maxRSS` (KiB) at the end. */
  readonly maxRssKiB: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as MemoryChildInput;
const { AuthorizationToken, BlueButton } = await import('bluebutton-ts');
const bb = new BlueButton({ ...input.client, environment: 'LOCAL', version: 2 });
const client = bb.client(AuthorizationToken.fromJSON(input.token));
const startMaxRssKiB = process.resourceUsage().maxRSS;
const started = performance.now();
let count = 0;
for await (const eob of client.v2.ExplanationOfBenefit.all(
  { _count: 50 },
  { concurrency: input.concurrency },
)) {
  if (eob.resourceType === 'ExplanationOfBenefit') count++;
}
const output: MemoryChildOutput = {
  count,
  ms: performance.now() - started,
  startMaxRssKiB,
  maxRssKiB: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
