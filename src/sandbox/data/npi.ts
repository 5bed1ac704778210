/**
 * Synthetic National Provider Identifiers. They pass the NPI check digit (Luhn over the `80840`
 * prefix), so validators accept them, but they are drawn at random and name no real provider.
 */
import type { Rng } from './prng.js';

/** The Luhn contribution of the constant `80840` prefix, per the NPI standard. */
const PREFIX_SUM = 24;

/** The check digit of a 9-digit NPI base. */
export function npiCheckDigit(base: string): number {
  let sum = PREFIX_SUM;
  for (let i = 0; i < base.length; i++) {
    let digit = Number(base.charAt(i));
    // Counting from the right of base + check digit, every second digit of the base is doubled.
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 10-digit NPI starting with 1 (individuals) or 2 (organisations). */
export function syntheticNpi(rng: Rng, kind: 'individual' | 'organization'): string {
  const base = `${kind === 'individual' ? '1' : '2'}${rng.digits(8)}`;
  return `${base}${npiCheckDigit(base)}`;
}
