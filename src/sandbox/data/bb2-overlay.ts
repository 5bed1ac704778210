/**
 * Structure real BB2 resources carry that the typed builders do not model member by member (most of
 * BB2's CCW-variable extensions, benefit balances, supporting-info rows, line extensions), applied as
 * templates after a resource is built. Templates keep BB2's vocabulary (URLs, code systems, codes and
 * their displays) and say where a value goes with a marker; every value is synthetic, drawn from a
 * hash of (claim key, place in the template), so the same claim renders the same values in every
 * version and on every call, and nothing is stored.
 *
 * Markers: `$seq` the next `sequence` of the array appended to; `$count` a small count; `$amount` a
 * dollar amount; `$date` the claim's first day; `$instant` its last update; `$digits:N` and `$alnum:N`
 * an N-character identifier; `$npi` a synthetic NPI; `$name` a synthetic name; `$ref` a synthetic
 * reference.
 */
import { syntheticNpi } from './npi.js';
import { createRng, hashKey } from './prng.js';

export type Template =
  | string
  | number
  | boolean
  | null
  | readonly Template[]
  | { readonly [k: string]: Template };

export interface Overlay {
  /** Members set where the built resource has none. */
  readonly set?: { readonly [member: string]: Template };
  /** Elements appended to an array member (created when absent). */
  readonly append?: { readonly [member: string]: readonly Template[] };
  /** Overlays applied to a member: to the object, or to every element of the array. */
  readonly each?: { readonly [member: string]: Overlay };
}

export interface OverlayContext {
  /** The numbers that identify the resource: (seed, beneficiary, claim index) or (seed, beneficiary). */
  readonly key: readonly number[];
  /** `$date`. */
  readonly date: string;
  /** `$instant`. */
  readonly instant: string;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 32-bit hash of a string (FNV-1a), to key values by their place in a template. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const ALNUM = '0123456789ABCDEFGHJKMNPQRTUVWXY';

function draw(ctx: OverlayContext, place: string, i: number): number {
  return hashKey(...ctx.key, hashText(place), i);
}

function digits(ctx: OverlayContext, place: string, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(draw(ctx, place, i) % alphabet.length);
  return out;
}

function marker(text: string, ctx: OverlayContext, place: string, sequence: () => number): unknown {
  if (!text.startsWith('$')) return text;
  const [name, arg] = text.split(':');
  const length = Number(arg ?? '0');
  switch (name) {
    case '$seq':
      return sequence();
    case '$count':
      return 1 + (draw(ctx, place, 0) % 9);
    case '$amount':
      return (draw(ctx, place, 0) % 50_000) / 100;
    case '$date':
      return ctx.date;
    case '$instant':
      return ctx.instant;
    case '$digits':
      return digits(ctx, place, length, '0123456789');
    case '$alnum':
      return digits(ctx, place, length, ALNUM);
    case '$npi':
      return syntheticNpi(createRng(draw(ctx, place, 0)), 'individual');
    case '$name':
      return `SYNTHETIC ${digits(ctx, place, 6, '0123456789')}`;
    case '$ref':
      return `Organization/${digits(ctx, place, 10, '0123456789')}`;
    default:
      return text;
  }
}

/** A fresh JSON value from a template; `place` names where it sits, so each value draws its own number. */
function render(template: Template, ctx: OverlayContext, place: string, sequence: () => number): unknown {
  if (typeof template === 'string') return marker(template, ctx, place, sequence);
  if (Array.isArray(template)) return template.map((t, i) => render(t, ctx, `${place}[${i}]`, sequence));
  if (isNode(template)) {
    const base = typeof template.url === 'string' ? template.url : place;
    const out: Node = {};
    for (const [k, v] of Object.entries(template))
      out[k] = render(v as Template, ctx, `${base}.${k}`, sequence);
    return out;
  }
  return template;
}

function nextSequence(existing: readonly unknown[]): () => number {
  let max = 0;
  for (const e of existing) if (isNode(e) && typeof e.sequence === 'number') max = Math.max(max, e.sequence);
  return () => ++max;
}

function applyTo(node: Node, overlay: Overlay, ctx: OverlayContext, place: string): void {
  for (const [member, template] of Object.entries(overlay.set ?? {})) {
    if (node[member] === undefined) {
      node[member] = render(template, ctx, `${place}.${member}`, nextSequence([]));
    }
  }
  for (const [member, templates] of Object.entries(overlay.append ?? {})) {
    const existing = Array.isArray(node[member]) ? (node[member] as unknown[]) : [];
    const sequence = nextSequence(existing);
    node[member] = [
      ...existing,
      ...templates.map((t, i) => render(t, ctx, `${place}.${member}+${i}`, sequence)),
    ];
  }
  for (const [member, inner] of Object.entries(overlay.each ?? {})) {
    const value = node[member];
    if (Array.isArray(value)) {
      value.forEach((element, i) => {
        if (isNode(element)) applyTo(element, inner, ctx, `${place}.${member}[${i}]`);
      });
    } else if (isNode(value)) {
      applyTo(value, inner, ctx, `${place}.${member}`);
    }
  }
}

/**
 * Applies `overlay` to a freshly built resource, in place, and returns it. The builders create every
 * object they return, so nothing shared is changed.
 */
export function applyOverlay<T extends object>(
  resource: T,
  overlay: Overlay | undefined,
  ctx: OverlayContext,
): T {
  if (overlay !== undefined && isNode(resource)) applyTo(resource, overlay, ctx, '');
  return resource;
}
