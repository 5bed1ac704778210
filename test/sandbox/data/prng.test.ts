import { describe, expect, it } from 'vitest';
import { npiCheckDigit, syntheticNpi } from '../../../src/sandbox/data/npi.js';
import { createRng, deterministicUuid, hashKey, rngFor } from '../../../src/sandbox/data/prng.js';

describe('prng', () => {
  it('replays the same stream for the same seed and diverges for another', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps keys apart, including large and negative parts', () => {
    const keys = [
      hashKey(1, 2, 3),
      hashKey(1, 3, 2),
      hashKey(2, 1, 3),
      hashKey(-1, 2, 3),
      hashKey(2 ** 32 + 1, 2, 3),
      hashKey(1, 2),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('draws integers inside their bounds and floats in [0, 1)', () => {
    const rng = rngFor(7, 1);
    for (let i = 0; i < 2_000; i++) {
      const n = rng.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });

  it('formats version-4 UUIDs', () => {
    const uuid = deterministicUuid(createRng(5));
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid(createRng(5))).toBe(uuid);
  });
});

describe('npi', () => {
  it('computes the NPI check digit of the published example 1234567893', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
  });

  it('generates 10-digit NPIs whose check digit verifies', () => {
    const rng = createRng(9);
    for (let i = 0; i < 200; i++) {
      const npi = syntheticNpi(rng, i % 2 === 0 ? 'individual' : 'organization');
      expect(npi).toMatch(i % 2 === 0 ? /^1\d{9}$/ : /^2\d{9}$/);
      expect(npiCheckDigit(npi.slice(0, 9))).toBe(Number(npi.charAt(9)));
    }
  });
});
