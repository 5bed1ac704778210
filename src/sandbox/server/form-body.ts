/**
 * Form bodies as Django's `request.POST` reads them: `application/x-www-form-urlencoded` and
 * `multipart/form-data` (CMS's Python SDK posts its token requests as multipart). File parts are not
 * form fields (Django puts them in `request.FILES`), so they are left out.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from './request-io.js';

export type FormEncoding = 'urlencoded' | 'multipart';

/** The body's form encoding, or undefined when the content type is neither. */
export function formEncodingOf(headers: IncomingHttpHeaders): FormEncoding | undefined {
  const type = mediaType(headers);
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data' && boundaryOf(headers) !== undefined) return 'multipart';
  return undefined;
}

/** The form fields in body order; undefined when the body is not a form Django would parse. */
export function parseFormBody(headers: IncomingHttpHeaders, body: string): URLSearchParams | undefined {
  const encoding = formEncodingOf(headers);
  if (encoding === 'urlencoded') return new URLSearchParams(body);
  const boundary = boundaryOf(headers);
  if (encoding !== 'multipart' || boundary === undefined) return undefined;
  return parseMultipart(body, boundary);
}

function mediaType(headers: IncomingHttpHeaders): string {
  return (headerValue(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function boundaryOf(headers: IncomingHttpHeaders): string | undefined {
  const type = headerValue(headers, 'content-type') ?? '';
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  return match?.[1] ?? match?.[2];
}

function parseMultipart(body: string, boundary: string): URLSearchParams | undefined {
  const form = new URLSearchParams();
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter);
  // Before the first delimiter is the preamble; a well-formed body closes with `--boundary--`.
  if (sections.length < 2 || !sections.at(-1)?.startsWith('--')) return undefined;
  for (const section of sections.slice(1, -1)) {
    const part = section.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) return undefined;
    const head = part.slice(0, split.index);
    const value = part.slice(split.index + split[0].length);
    const disposition = head.split(/\r?\n/).find((line) => /^content-disposition:/i.test(line)) ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    if (/;\s*filename\*?=/i.test(disposition)) continue;
    form.append(name, value);
  }
  return form;
}
