/**
 * The headers of a data GET: ours, then the caller's `headers` option on top (so a caller can send
 * `Accept: application/json` or `Prefer: handling=strict`), then the ones a caller must never replace.
 * Names compare case-insensitively, as HTTP does: `accept` and `Accept` are one header, not two.
 */

/**
 * Never taken from the caller: `authorization` carries the managed token (a stale or foreign one would
 * defeat refresh); the rest describe the connection and the body, which fetch owns.
 */
const RESERVED = new Set([
  'authorization',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'cookie',
]);

export function mergeHeaders(
  ours: Readonly<Record<string, string>>,
  caller: Readonly<Record<string, string>> | undefined,
  fixed: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(ours)) out[k.toLowerCase()] = v;
  if (caller) {
    for (const [k, v] of Object.entries(caller)) {
      const name = k.toLowerCase();
      if (!RESERVED.has(name) && typeof v === 'string') out[name] = v;
    }
  }
  for (const [k, v] of Object.entries(fixed)) out[k.toLowerCase()] = v;
  return { ...out };
}
