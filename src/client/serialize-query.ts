/**
 * Turns typed search parameters into a query string, following each parameter's serialization style from
 * the spec (generated ENDPOINTS): `comma` lists joined (`type=carrier,pde`), `repeat` lists repeated
 * (`service-date=ge..&service-date=lt..`), `single` values once. Validation runs first, for plain
 * JavaScript callers: BB2 silently drops unknown parameters, which would return unfiltered data.
 */
import { InvalidParamsError } from '../errors/request-errors.js';
import type { EndpointSpec, ParamSpec } from '../types.js';

function closest(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return known.find((k) => norm(k) === norm(name));
}

function checkValue(name: string, spec: ParamSpec, v: unknown): string | undefined {
  if (spec.type === 'integer') {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${name} must be an integer, got ${typeof v}`;
    if (spec.minimum !== undefined && v < spec.minimum) return `${name} must be at least ${spec.minimum}`;
    if (spec.maximum !== undefined && v > spec.maximum) return `${name} must be at most ${spec.maximum}`;
    return undefined;
  }
  if (typeof v !== 'string') return `${name} must be a string, got ${typeof v}`;
  if (spec.enum && !spec.enum.includes(v))
    return `${name} value "${v}" is not one of ${spec.enum.join(', ')}`;
  if (spec.pattern && !new RegExp(spec.pattern).test(v)) {
    return name === 'service-date' || name === '_lastUpdated'
      ? `${name} value "${v}" needs a ge|gt|le|lt prefix and a date, e.g. ge2023-01-01`
      : `${name} value "${v}" does not match ${spec.pattern}`;
  }
  if (spec.minLength !== undefined && v.length < spec.minLength) return `${name} must not be empty`;
  return undefined;
}

function checkParam(name: string, spec: ParamSpec, value: unknown): string[] {
  if (spec.style === 'single') {
    const p = checkValue(name, spec, value);
    return p ? [p] : [];
  }
  if (!Array.isArray(value)) return [`${name} must be an array (e.g. ${name}: [...])`];
  if (spec.minItems !== undefined && value.length < spec.minItems) return [`${name} must not be empty`];
  return value.flatMap((v: unknown) => checkValue(name, spec, v) ?? []);
}

/**
 * @returns the encoded query (without `?`), empty when there are no parameters.
 * @throws {InvalidParamsError} INVALID_PARAMS naming every unknown or invalid parameter; nothing is sent.
 */
export function serializeQuery(endpoint: EndpointSpec, params: unknown): string {
  if (params === undefined || params === null) return '';
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new InvalidParamsError(endpoint.path, ['search parameters must be an object']);
  }
  const known = Object.keys(endpoint.query);
  const problems: string[] = [];
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    // Own properties only: `constructor`, `toString` or `__proto__` must not find Object.prototype's members.
    const spec = Object.hasOwn(endpoint.query, name) ? endpoint.query[name] : undefined;
    if (!spec) {
      const hint = closest(name, known);
      problems.push(
        `unknown parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; BB2 would ignore it`,
      );
      continue;
    }
    const p = checkParam(name, spec, value);
    if (p.length) {
      problems.push(...p);
      continue;
    }
    if (spec.style === 'single') out.append(name, String(value));
    else if (spec.style === 'comma') out.append(name, (value as unknown[]).join(','));
    else for (const v of value as unknown[]) out.append(name, String(v));
  }
  if (problems.length) throw new InvalidParamsError(endpoint.path, problems);
  return out.toString();
}
