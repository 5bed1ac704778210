/** `bluebutton --help` and `bluebutton <verb> --help`. */

export const VERBS = ['login', 'whoami', 'export', 'sandbox', 'help'] as const;
export type Verb = (typeof VERBS)[number];

const EXIT_CODES = `Exit codes:
  0    done
  1    error (one line on stderr; add --debug for the stack)
  2    usage: unknown command or option, bad value
  3    reauthorization required: no token, or the beneficiary's grant expired; run \`bluebutton login\`
  130  interrupted (Ctrl+C); run the same command again to resume`;

const CONFIG = `  --config <file>        App settings (.json, .yaml, .yml; an official SDK's file works as is).
                         Default ./.bluebutton-config.json|.yaml|.yml, then BLUEBUTTON_* variables
  --token-file <file>    Default $XDG_CONFIG_HOME/bluebutton/token.json, else ~/.config/bluebutton/token.json`;

const GLOBAL = `  --debug                Print the stack of an error
  -h, --help             Show this help`;

export const HELP: Record<'main' | Exclude<Verb, 'help'>, string> = {
  main: `Usage: bluebutton <command> [options]

Commands:
  login      Authorize the app as a beneficiary (OAuth 2.0 + PKCE in the browser) and save the token
  whoami     Show the saved token: patient id, API version, scopes, token and grant expiry
  export     Download the beneficiary's claims, coverage and patient record to a directory
  sandbox    Start a local Blue Button 2.0 sandbox (OAuth 2.0 + PKCE, FHIR v1, v2 and v3)
             on 127.0.0.1 with synthetic beneficiaries, until Ctrl+C

Run \`bluebutton <command> --help\` for a command's options and examples.

  --version              Print the version
${GLOBAL}

Examples:
  bluebutton sandbox --port 8000
  bluebutton login --config sandbox.json --open
  bluebutton export --out claims/ --since auto

${EXIT_CODES}
`,
  login: `Usage: bluebutton login [options]

Starts a callback server on the app's callback URL (a loopback URL registered for the app; for
http://127.0.0.1/callback, without a port, on a free port, which BB2 accepts per RFC 8252), prints the authorize URL, waits for the beneficiary's consent, checks the state,
exchanges the code and saves the token to a file only you can read (mode 0600).

${CONFIG}
  --version <1|2|3>      API version (default: the config's, else 2)
  --scope <scope>        Scopes to ask for; repeat or separate with commas (default: BB2's)
  --lang <es>            Consent page language
  --open                 Open the authorize URL with $BROWSER (else xdg-open / open / start)
  --timeout <seconds>    How long to wait for the consent (default 300)
${GLOBAL}

Examples:
  bluebutton login --config sandbox.json
  bluebutton login --version 3 --scope patient/ExplanationOfBenefit.rs,profile --open

${EXIT_CODES}
`,
  whoami: `Usage: bluebutton whoami [options]

Shows the saved token: patient id, API version, scopes, token and grant expiry. Never a token.

${CONFIG}
  --json                 Print JSON
${GLOBAL}

Example:
  bluebutton whoami --token-file ~/.config/bluebutton/token.json

${EXIT_CODES}
`,
  export: `Usage: bluebutton export --out <dir> [options]

Streams every page to <dir>: one NDJSON file per resource type (ExplanationOfBenefit.ndjson,
Coverage.ndjson, Patient.ndjson), or with --format csv the claim lines as claim-lines.csv. The token is
refreshed as needed and each new one saved before it is used. A state file in <dir>
(.bluebutton-export.json) records what is complete: after Ctrl+C or a crash, the same command continues
without duplicates or gaps.

  --out <dir>            Output directory (created if missing)
  --resources <list>     Any of eob,coverage,patient (default all three)
  --type <list>          Claim types of the EOBs, e.g. pde,carrier (default all)
  --format <ndjson|csv>  Default ndjson
  --since <date|auto>    Only resources updated since a date (2024-01-31 or an instant), or with auto
                         since the last complete export of <dir>, merged in without duplicates
  --concurrency <n>      Pages fetched at once (1 to 8, default 4)
  --page-size <n>        Resources per page (1 to 50, default 50)
  --json                 Print a JSON summary on stdout at the end
${CONFIG}
${GLOBAL}

Progress goes to stderr: a live line on a terminal, plain lines on a pipe or when CI is set.

Examples:
  bluebutton export --out claims/
  bluebutton export --out claims/ --resources eob --type pde,carrier --format csv
  bluebutton export --out claims/ --since auto --json

${EXIT_CODES}
`,
  sandbox: `Usage: bluebutton sandbox [options]

Starts a local Blue Button 2.0 sandbox until Ctrl+C and prints its app credentials and synthetic users.

  --port <n>             Port to listen on (default 8000: the LOCAL environment, http://localhost:8000;
                         0 picks a free port)
  --seed <n>             Seed of the synthetic data (default 1)
  --beneficiaries <n>    Number of synthetic beneficiaries (default 10)
  --eobs <n>             ExplanationOfBenefit claims per beneficiary (default 60)
  --latency <ms>         Delay added to every response (default 0)
  --client-id <id>       The app's client id (default: a fixed 40-character id)
  --client-secret <s>    The app's client secret
  --redirect-uri <url>   A redirect URI of the app; repeat for several (default http://127.0.0.1/callback)
  --apps <file>          Register several apps instead: a JSON array of
                         { "clientId", "clientSecret", "redirectUris": [...], "name"?, "kind"? }
                         (kind: ten-hours, thirteen-months, one-time, research)
${GLOBAL}

Examples:
  bluebutton sandbox --port 8000
  bluebutton sandbox --port 0 --redirect-uri http://127.0.0.1:8765/callback
  bluebutton sandbox --client-id my-app --client-secret s3cret --redirect-uri http://127.0.0.1:8765/callback
  bluebutton sandbox --apps apps.json

${EXIT_CODES}
`,
};
