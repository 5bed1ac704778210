/**
 * PKCE (RFC 7636) and the `state` value. BB2 requires S256, a verifier of 43-128 characters and a state of
 * at least 16 characters; we use 43-character values from 32 random bytes (256 bits).
 *
 * Web-standard only (`crypto.getRandomValues`, `btoa`), so it runs on Node, Bun, Deno and workers alike.
 * SHA-256 must be synchronous (`generateAuthData()` is, in both official SDKs) and WebCrypto's digest is
 * async, so it comes from @noble/hashes: audited, dependency-free, and only its sha2 module is loaded.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { REDACTED } from '../errors/redact.js';

/** What `generateAuthData()` returns: keep it server-side (session) until the callback. */
export interface AuthData {
  /** BASE64URL(SHA256(verifier)), unpadded: sent on the authorize URL. */
  readonly codeChallenge: string;
  /** Sent only to the token endpoint; never log it (inspect and console.log show `[redacted]`). */
  readonly verifier: string;
  /** Echoed back on the callback; compared in constant time. */
  readonly state: string;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
  return base64url(sha256(new TextEncoder().encode(verifier)));
}

/** A 43-character state (BB2 asks for at least 122 bits of entropy). */
export function createState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** How Node, Bun (`nodejs.util.inspect.custom`) and Deno (`Deno.customInspect`) print an object. */
const INSPECT_SYMBOLS = [Symbol.for('nodejs.util.inspect.custom'), Symbol.for('Deno.customInspect')];

/**
 * Fresh PKCE verifier, its S256 challenge and a state. `authData.verifier` reads as usual and JSON keeps
 * it (a session store must), but inspect and console.log print it as `[redacted]`.
 */
export function generateAuthData(): AuthData {
  const verifier = createCodeVerifier();
  const authData: AuthData = {
    codeChallenge: computeCodeChallenge(verifier),
    verifier,
    state: createState(),
  };
  const printed = `AuthData { codeChallenge: '${authData.codeChallenge}', verifier: '${REDACTED}', state: '${authData.state}' }`;
  for (const symbol of INSPECT_SYMBOLS) {
    // Not enumerable: spreading or serializing the object carries no function.
    Object.defineProperty(authData, symbol, { value: () => printed, enumerable: false });
  }
  return authData;
}
