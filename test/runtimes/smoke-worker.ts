/**
 * Entry for workerd (bundled for the worker target): `workerd test` calls `test()`, which prints
 * `SMOKE <result JSON>`. The input comes as a text binding.
 */
import { runSmoke, type SmokeInput } from './smoke-flow.js';

export default {
  async test(_controller: unknown, env: { SMOKE_INPUT: string }): Promise<void> {
    const input = JSON.parse(env.SMOKE_INPUT) as SmokeInput;
    const result = await runSmoke('workerd', input);
    console.log(`SMOKE ${JSON.stringify(result)}`);
  },
};
