#!/usr/bin/env node
// The `bluebutton` command. It runs the compiled CLI in dist/ (published; in the repo, `npm run build` makes it).
const cli = await import('../dist/src/cli/main.js').catch((e) => {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.error(
    'bluebutton: dist/ is missing; run `npm run build` (or `npm run sandbox` to run the sandbox from src/).',
  );
  process.exit(1);
});

process.exitCode = await cli.main(process.argv.slice(2));
