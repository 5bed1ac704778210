/** Hooks get the path and query of an already redacted URL: the origin is the client's own, known to the caller. */
export function redactForHooks(redactedUrl: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(redactedUrl);
  return m ? redactedUrl.slice(m[0].length) || '/' : redactedUrl;
}
