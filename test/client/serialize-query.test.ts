import { describe, expect, test } from 'vitest';
import { serializeQuery } from '../../src/client/serialize-query.js';
import { ENDPOINTS } from '../../src/types.js';

const eob2 = ENDPOINTS.v2['GET /v2/fhir/ExplanationOfBenefit/'];
const eob3 = ENDPOINTS.v3['GET /v3/fhir/ExplanationOfBenefit/'];

function problems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && 'problems' in e) return (e as { problems: readonly string[] }).problems;
    throw e;
  }
  throw new Error('did not throw');
}

describe('query serialization follows the spec styles', () => {
  test('type is comma-joined, dates repeated, numbers once', () => {
    const qs = serializeQuery(eob2, {
      type: ['carrier', 'pde'],
      'service-date': ['ge2023-01-01', 'lt2024-01-01'],
      _count: 50,
      startIndex: 0,
    });
    expect(qs).toBe(
      'type=carrier%2Cpde&service-date=ge2023-01-01&service-date=lt2024-01-01&_count=50&startIndex=0',
    );
    expect(new URLSearchParams(qs).getAll('service-date')).toEqual(['ge2023-01-01', 'lt2024-01-01']);
    expect(new URLSearchParams(qs).getAll('type')).toEqual(['carrier,pde']);
  });

  test('v3 _source is comma-joined and _tag repeated', () => {
    const qs = new URLSearchParams(
      serializeQuery(eob3, { _source: ['NCH', 'DDPS'], _tag: ['a|b', 'c|d'], _offset: 20 }),
    );
    expect(qs.getAll('_source')).toEqual(['NCH,DDPS']);
    expect(qs.getAll('_tag')).toEqual(['a|b', 'c|d']);
    expect(qs.get('_offset')).toBe('20');
  });

  test('undefined values are skipped; no parameters gives an empty query', () => {
    expect(serializeQuery(eob2, { _count: undefined })).toBe('');
    expect(serializeQuery(eob2, undefined)).toBe('');
  });
});

describe('plain JavaScript callers get INVALID_PARAMS before any request', () => {
  test.each([
    [
      { service_date: ['ge2023-01-01'] },
      /unknown parameter "service_date" \(did you mean "service-date"\?\)/,
    ],
    [{ Type: ['pde'] }, /did you mean "type"/],
    [{ foo: 1 }, /unknown parameter "foo"; BB2 would ignore it/],
    [{ type: ['carriers'] }, /type value "carriers" is not one of/],
    [{ type: 'carrier' }, /type must be an array/],
    [{ type: [] }, /type must not be empty/],
    [{ 'service-date': ['2023-01-01'] }, /service-date value "2023-01-01" needs a ge\|gt\|le\|lt prefix/],
    [{ _lastUpdated: ['eq2023-01-01'] }, /_lastUpdated value "eq2023-01-01" needs a ge\|gt\|le\|lt prefix/],
    [{ _count: '10' }, /_count must be an integer, got string/],
    [{ _count: 51 }, /_count must be at most 50/],
    [{ _count: -1 }, /_count must be at least 0/],
    [{ _count: 1.5 }, /_count must be an integer/],
    [{ startIndex: '10' }, /startIndex must be an integer/],
    [{ _offset: 10 }, /unknown parameter "_offset"/],
  ])('%o', (params, message) => {
    const p = problems(() => serializeQuery(eob2, params));
    expect(p.join('; ')).toMatch(message);
  });

  test('every problem is reported at once, with code INVALID_PARAMS', () => {
    try {
      serializeQuery(eob2, { foo: 1, _count: 99 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_PARAMS', name: 'InvalidParamsError' });
      expect((e as { problems: string[] }).problems).toHaveLength(2);
    }
  });

  test('a non-object is refused', () => {
    expect(problems(() => serializeQuery(eob2, 'type=carrier'))).toEqual([
      'search parameters must be an object',
    ]);
  });
});
