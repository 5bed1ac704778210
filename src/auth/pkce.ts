/**
 * PKCE (RFC 7636) and the `state` value. BB2 requires S256, a verifier of 43-128 characters and a state of
 * at least 16 characters; we use 43-character values from 32 random bytes (256 bits).
 */
import { createHash } from 'node:crypto';

/** What `generateAuthData()` returns: keep it server-side (session) until the callback. */
export interface AuthData {
  /** BASE64URL(SHA256(verifier)), unpadded: sent on the authorize URL. */
  readonly codeChallenge: string;
  /** Sent only to the token endpoint; never log it. */
  readonly verifier: string;
  /** Echoed back on the callback; compared in constant time. */
  readonly state: string;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A 43-character verifier from 32 CSPRNG bytes (RFC 7636 section 4.1). */
export function createCodeVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The S256 challenge of a verifier (RFC 7636 section 4.2). Synchronous, so `generateAuthData()` keeps the
 * official SDKs' synchronous signature.
 * @see https://www.rfc-editor.org/rfc/rfc7636#appendix-B
 */
export function computeCodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A 43-character state (BB2 asks for at least 122 bits of entropy). */
export function createState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Fresh PKCE verifier, its S256 challenge and a state. */
export function generateAuthData(): AuthData {
  const verifier = createCodeVerifier();
  return { codeChallenge: computeCodeChallenge(verifier), verifier, state: createState() };
}
