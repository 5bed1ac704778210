/**
 * "Did you mean" for unknown keys: a typo such as `client_secrte` must fail loudly and point at the fix.
 */

/**
 * The candidate closest to `word`, or undefined when none is close. Case and `_`/`-` are ignored first,
 * so `timeout_ms` finds `timeoutMs`; among equally close candidates, the one written in the same style
 * (snake_case or camelCase) wins, then the one nearest as written.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; score: readonly number[] } | undefined;
  for (const candidate of candidates) {
    const score = [
      editDistance(simplify(word), simplify(candidate)),
      /[_-]/.test(word) === /[_-]/.test(candidate) ? 0 : 1,
      editDistance(word.toLowerCase(), candidate.toLowerCase()),
    ];
    if (best === undefined || isLower(score, best.score)) best = { candidate, score };
  }
  if (best === undefined) return undefined;
  const distance = best.score[0] ?? Number.POSITIVE_INFINITY;
  return distance <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** Lexicographic comparison of equally long scores. */
function isLower(a: readonly number[], b: readonly number[]): boolean {
  const index = a.findIndex((value, i) => value !== b[i]);
  return index !== -1 && (a[index] ?? 0) < (b[index] ?? 0);
}

function simplify(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
