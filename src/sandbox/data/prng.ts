/**
 * Seeded randomness for the synthetic data. Every value is derived from a key such as
 * (seed, beneficiary, claim, salt), so any claim can be rebuilt on its own, in any order, without
 * shared state: the generator stays deterministic even when a server builds pages concurrently.
 */

/** A stream of pseudo-random numbers (mulberry32: tiny, fast, good enough for test data). */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
}

const GOLDEN = 0x9e3779b9;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole output. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes a key of safe integers into a 32-bit seed. Both halves of each part are mixed in, so seeds
 * above 2^32 and negative seeds stay distinct.
 */
export function hashKey(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const low = part >>> 0;
    const high = Math.floor(part / 0x100000000) >>> 0;
    h = mix32(((h ^ low) + GOLDEN) >>> 0);
    h = mix32(((h ^ high) + 0x7f4a7c15) >>> 0);
  }
  return h;
}

/** A mulberry32 stream. The state lives in the closure, one per call: nothing is shared. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const float = (): number => uint32() / 0x100000000;
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  return {
    uint32,
    float,
    int,
    chance: (p) => float() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty list');
      return item;
    },
    digits(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += String(int(0, 9));
      return out;
    },
    hex(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += int(0, 15).toString(16);
      return out;
    },
  };
}

/** A stream keyed by several integers: `rngFor(seed, bene, claim, SALT)`. */
export function rngFor(...parts: readonly number[]): Rng {
  return createRng(hashKey(...parts));
}

/** A random-looking but reproducible RFC 4122 version-4 UUID. */
export function deterministicUuid(rng: Rng): string {
  const hex = rng.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'.charAt(rng.int(0, 3));
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
