/**
 * The consent screen a human sees in a browser (Medicare.gov login is skipped: pick a synthetic
 * beneficiary instead). `sandbox.authorize()` posts the same form.
 */
import type { SyntheticBeneficiary } from '../data/dataset-types.js';
import { isDemographicScope } from './scopes.js';

export interface ConsentPageInput {
  /** Where the form posts: `/v{n}/o/authorize/<uuid>/`. */
  readonly action: string;
  readonly version: number;
  readonly scopes: readonly string[];
  readonly beneficiaries: readonly SyntheticBeneficiary[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function consentPage(input: ConsentPageInput): string {
  const options = input.beneficiaries
    .map((b, i) => {
      const label = `${b.username} (${b.givenName} ${b.familyName}, ${b.eobCount} claims)`;
      return `<option value="${escapeHtml(b.username)}"${i === 0 ? ' selected' : ''}>${escapeHtml(label)}</option>`;
    })
    .join('\n          ');
  const scopes = input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  const asksDemographics = input.scopes.some(isDemographicScope);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Blue Button 2.0 sandbox: authorize</title>
  <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5}
  fieldset{margin:1rem 0}button{margin-right:1rem;padding:.4rem 1.2rem}</style>
</head>
<body>
  <h1>Connect your Medicare data</h1>
  <p>Local sandbox, API v${input.version}. This application asks for:</p>
  <ul>${scopes}</ul>
  <form id="consent" method="post" action="${escapeHtml(input.action)}">
    <fieldset>
      <legend>Synthetic beneficiary (instead of the Medicare.gov login)</legend>
      <label>Beneficiary
        <select name="beneficiary">
          ${options}
        </select>
      </label>
    </fieldset>
    <fieldset${asksDemographics ? '' : ' hidden'}>
      <legend>Share your name, address and other personal information?</legend>
      <label><input type="radio" name="share_demographics" value="true" checked> Share</label>
      <label><input type="radio" name="share_demographics" value="false"> Do not share</label>
    </fieldset>
    <button type="submit" name="allow" value="true">Allow</button>
    <button type="submit" name="allow" value="false">Deny</button>
  </form>
</body>
</html>
`;
}
