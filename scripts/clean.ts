/** `tsx scripts/clean.ts <dir>...`: removes build output portably (no rimraf dependency). */
import { rmSync } from 'node:fs';

for (const dir of process.argv.slice(2)) rmSync(dir, { recursive: true, force: true });
