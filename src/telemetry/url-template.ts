/**
 * `/v2/fhir/ExplanationOfBenefit/carrier--123?_count=50&patient=[redacted]` -> `/v2/fhir/ExplanationOfBenefit/{id}`:
 * the route without ids or query values, so a span or metric can never carry a patient id.
 */
export function urlTemplate(path: string): string {
  const [pathname = ''] = path.split('?');
  const parts = pathname.split('/');
  const fhir = parts.indexOf('fhir');
  return parts
    .map((p, i) => {
      if (p === '') return p;
      // After `/fhir/<Type>/` comes an id, unless it is an operation (`$generate-insurance-card`).
      if (fhir >= 0 && i > fhir + 1 && !p.startsWith('$')) return '{id}';
      return p.includes('[redacted]') || /\d{5,}/.test(p) ? '{id}' : p;
    })
    .join('/');
}
