#!/usr/bin/env node
// The `bluebutton` command: runs the compiled CLI (`npm run build` writes dist/; `prepare` builds on `npm ci`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
