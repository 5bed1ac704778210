/**
 * The consent screen a human sees in a browser: sign in as a synthetic beneficiary (instead of the
 * Medicare.gov login), see which app asks for what, share or withhold personal information, allow or
 * deny. `sandbox.authorize()` posts the same form fields (`beneficiary`, `share_demographics`, `allow`).
 */
import type { SyntheticBeneficiary } from '../data/dataset-types.js';
import { isDemographicScope } from './scopes.js';

export interface ConsentPageInput {
  /** Where the form posts: `/v{n}/o/authorize/<uuid>/`. */
  readonly action: string;
  readonly version: number;
  /** The registered app's name. */
  readonly appName: string;
  readonly scopes: readonly string[];
  readonly beneficiaries: readonly SyntheticBeneficiary[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What each scope family lets the app read, in the words of BB2's consent screen. */
function describeScope(scope: string): string {
  if (scope === 'profile') return 'Your name and email address';
  if (scope === 'openid') return 'Confirmation that you signed in';
  if (scope === 'launch/patient') return 'Which Medicare beneficiary you are';
  const resource = /^patient\/(\w+)\./.exec(scope)?.[1];
  if (resource === 'Patient') return 'Your personal information: name, date of birth, sex, race and address';
  if (resource === 'Coverage') return 'Your Medicare coverage: Parts A, B, C and D';
  if (resource === 'ExplanationOfBenefit')
    return 'Your Medicare claims: doctor visits, hospital stays, equipment and prescriptions';
  return 'Other Medicare data';
}

function scopeList(scopes: readonly string[]): string {
  return scopes
    .map(
      (s) =>
        `<li data-scope="${escapeHtml(s)}"><span class="what">${escapeHtml(describeScope(s))}</span> <code>${escapeHtml(s)}</code>${isDemographicScope(s) ? ' <span class="tag">personal</span>' : ''}</li>`,
    )
    .join('\n        ');
}

function beneficiaryOptions(beneficiaries: readonly SyntheticBeneficiary[]): string {
  return beneficiaries
    .map((b, i) => {
      const label = `${b.username}: ${b.givenName} ${b.familyName} (${b.eobCount} claims)`;
      return `<option value="${escapeHtml(b.username)}"${i === 0 ? ' selected' : ''}>${escapeHtml(label)}</option>`;
    })
    .join('\n            ');
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f1f1f1;color:#212121;line-height:1.5}
  header{background:#0b4778;color:#fff;padding:.8rem 1.5rem;display:flex;justify-content:space-between;align-items:center}
  header .brand{font-weight:700;font-size:1.15rem}
  header .env{font-size:.8rem;background:#fff3;border-radius:1rem;padding:.1rem .7rem}
  main{max-width:38rem;margin:2rem auto;background:#fff;border-radius:.5rem;box-shadow:0 2px 8px #0002;padding:1.5rem 2rem}
  h1{font-size:1.4rem;margin:.2rem 0 1rem}
  .app{color:#0b4778}
  fieldset{border:1px solid #d6d7d9;border-radius:.4rem;margin:1.2rem 0;padding:.8rem 1rem}
  legend{font-weight:600;padding:0 .3rem}
  select{width:100%;padding:.45rem;font-size:1rem}
  ul.scopes{list-style:none;padding:0;margin:.5rem 0}
  ul.scopes li{padding:.35rem 0;border-bottom:1px solid #eee}
  ul.scopes code{font-size:.75rem;color:#5b616b}
  .tag{font-size:.7rem;background:#e1f3f8;color:#046b99;border-radius:.3rem;padding:0 .35rem}
  label.choice{display:block;margin:.3rem 0}
  .actions{display:flex;gap:1rem;margin-top:1.4rem}
  button{font-size:1rem;padding:.6rem 1.6rem;border-radius:.3rem;border:2px solid #0b4778;cursor:pointer}
  button.allow{background:#0b4778;color:#fff}
  button.deny{background:#fff;color:#0b4778}
  footer{max-width:38rem;margin:0 auto 2rem;font-size:.8rem;color:#5b616b;padding:0 .5rem}`;

export function consentPage(input: ConsentPageInput): string {
  const asksDemographics = input.scopes.some(isDemographicScope);
  const app = escapeHtml(input.appName);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Connect ${app} to your Medicare data</title>
  <style>${STYLE}</style>
</head>
<body>
  <header><span class="brand">Medicare.gov &middot; Blue Button 2.0</span><span class="env">Local sandbox &middot; API v${input.version}</span></header>
  <main>
    <form id="consent" method="post" action="${escapeHtml(input.action)}">
      <fieldset>
        <legend>Sign in as a synthetic beneficiary</legend>
        <label for="beneficiary">Instead of the Medicare.gov login, choose whose synthetic data to share</label>
        <select id="beneficiary" name="beneficiary">
            ${beneficiaryOptions(input.beneficiaries)}
        </select>
      </fieldset>
      <h1><span class="app" id="app-name">${app}</span> wants to access your Medicare data</h1>
      <p>If you allow it, ${app} can read:</p>
      <ul class="scopes">
        ${scopeList(input.scopes)}
      </ul>
      <fieldset${asksDemographics ? '' : ' hidden'}>
        <legend>Share your personal information?</legend>
        <label class="choice"><input type="radio" name="share_demographics" value="true" checked> Share my name, date of birth, sex, race and address</label>
        <label class="choice"><input type="radio" name="share_demographics" value="false"> Do not share it: share only my claims and coverage</label>
      </fieldset>
      <div class="actions">
        <button class="allow" type="submit" name="allow" value="true">Allow</button>
        <button class="deny" type="submit" name="allow" value="false">Deny access</button>
      </div>
    </form>
  </main>
  <footer>You can change your mind later: connected apps can be removed in your Medicare.gov account. Synthetic data only; nothing here is a real person's.</footer>
</body>
</html>
`;
}
