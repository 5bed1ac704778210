/**
 * `sandbox.authorize()`: plays the browser and the beneficiary over real HTTP: follows the authorize URL
 * (including Django's append-slash redirect), submits the consent form, and returns the redirect to the
 * app's callback.
 */
import type { SandboxAuthorizeOptions } from './sandbox-types.js';

/** The authorize request was refused; `status` and `body` are what BB2 (the sandbox) answered. */
export class SandboxAuthorizeError extends Error {
  override name = 'SandboxAuthorizeError';
  readonly status: number;
  readonly body: string;
  constructor(message: string, status: number, body: string) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

const MAX_REDIRECTS = 5;

export async function authorizeThroughConsent(
  authorizeUrl: string,
  beneficiary: string,
  options: SandboxAuthorizeOptions,
): Promise<string> {
  const page = await openAuthorizePage(authorizeUrl);
  if (page.kind === 'callback') return page.location;
  const form = new URLSearchParams({
    beneficiary,
    share_demographics: options.shareDemographics === false ? 'false' : 'true',
    allow: options.deny === true ? 'false' : 'true',
  });
  const response = await fetch(new URL(page.action, page.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null) {
    throw await refusal('consent submission', response);
  }
  return location;
}

type AuthorizePage =
  | { readonly kind: 'consent'; readonly url: string; readonly action: string }
  | { readonly kind: 'callback'; readonly location: string };

async function openAuthorizePage(authorizeUrl: string): Promise<AuthorizePage> {
  let url = authorizeUrl;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status === 301 && location !== null) {
      await response.body?.cancel();
      url = new URL(location, url).toString();
      continue;
    }
    // oauthlib sends some errors (e.g. a bad response_type) to the app's callback.
    if (response.status === 302 && location !== null) return { kind: 'callback', location };
    const html = await response.text();
    const action = /<form[^>]*\baction="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || action === undefined)
      throw refusalOf('authorize request', response.status, html);
    return { kind: 'consent', url, action: action.replace(/&amp;/g, '&') };
  }
  throw new SandboxAuthorizeError('Too many redirects following the authorize URL', 310, '');
}

async function refusal(step: string, response: Response): Promise<SandboxAuthorizeError> {
  return refusalOf(step, response.status, await response.text());
}

function refusalOf(step: string, status: number, body: string): SandboxAuthorizeError {
  return new SandboxAuthorizeError(
    `BB2 sandbox refused the ${step}: HTTP ${status} ${body.slice(0, 500)}`,
    status,
    body,
  );
}
