/**
 * The structure of a FHIR resource as a set of paths, the unit the fidelity tests compare real BB2
 * payloads and sandbox resources in (issue 12): array indexes are dropped, and the members that say what
 * an array element is are folded into the path, `extension[url=...]` and `coding[system=...]`, so
 * `extension[url=https://bluebutton.cms.gov/resources/variables/carr_num].valueIdentifier.value` is one
 * path whatever the order or the number of extensions.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path segment of one element of the array `key`. */
function elementSegment(key: string, element: unknown): string {
  if (isObject(element)) {
    if ((key === 'extension' || key === 'modifierExtension') && typeof element.url === 'string') {
      return `${key}[url=${element.url}]`;
    }
    if (key === 'coding' && typeof element.system === 'string') return `${key}[system=${element.system}]`;
  }
  return key;
}

function collect(value: unknown, path: string, into: Set<string>): void {
  if (!isObject(value)) {
    into.add(path);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const prefix = path === '' ? '' : `${path}.`;
    if (Array.isArray(child)) {
      for (const element of child) collect(element, `${prefix}${elementSegment(key, element)}`, into);
    } else {
      collect(child, `${prefix}${key}`, into);
    }
  }
}

/** Every leaf path of a JSON value (see the file comment for the folding rules). */
export function structurePaths(value: unknown): Set<string> {
  const paths = new Set<string>();
  collect(value, '', paths);
  return paths;
}
