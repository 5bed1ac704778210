/** Refusals the SDK makes on its own, before or instead of trusting the server. */
import { BlueButtonError } from './blue-button-error.js';

/** The body was not JSON, was cut short, or was not the resource asked for. */
export class InvalidResponseError extends BlueButtonError {
  override name = 'InvalidResponseError';
  readonly status: number;
  readonly url: string;
  // Private: inspect with showHidden and JSON never reach the Response and its unredacted URL.
  readonly #response: Response | undefined;

  constructor(
    url: string,
    status: number,
    problem: string,
    options?: ErrorOptions & { response?: Response },
  ) {
    super('INVALID_RESPONSE', `${url} (status ${status}): ${problem}`, options);
    this.status = status;
    this.url = url;
    this.#response = options?.response;
  }

  /** The raw Response (its body already read). */
  get response(): Response | undefined {
    return this.#response;
  }
}

/**
 * A walk ended (no `next` link) with fewer resources than the server's `total`: the pages yielded are
 * all there is, but the result is incomplete. Thrown after the last page, never instead of it.
 */
export class IncompleteResultsError extends InvalidResponseError {
  override name = 'IncompleteResultsError';
  /** The `total` of the last page. */
  readonly total: number;
  /** Resources the walk saw, counting from the first page's offset. */
  readonly received: number;

  constructor(url: string, total: number, received: number) {
    super(url, 200, `the last page ends the search at ${received} of ${total} resources (total says more)`);
    this.total = total;
    this.received = received;
  }
}

/** Search parameters BB2 would silently drop or refuse: nothing was sent. */
export class InvalidParamsError extends BlueButtonError {
  override name = 'InvalidParamsError';
  /** One line per problem, each naming the parameter. */
  readonly problems: readonly string[];

  constructor(endpoint: string, problems: readonly string[]) {
    super('INVALID_PARAMS', `Invalid parameters for ${endpoint}: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/**
 * A pagination link or a redirect pointed at another origin, or outside the configured base path: it was
 * not followed and nothing was sent to it.
 */
export class CrossOriginLinkError extends BlueButtonError {
  override name = 'CrossOriginLinkError';
  readonly linkOrigin: string;
  /** The configured API: its origin, or its base URL when that has a path prefix. */
  readonly expectedOrigin: string;
  readonly via: 'link' | 'redirect';

  constructor(linkOrigin: string, expectedOrigin: string, via: 'link' | 'redirect' = 'link') {
    super(
      'CROSS_ORIGIN_LINK',
      `Refusing a ${via} to ${linkOrigin}: the token is only sent to the configured API, ${expectedOrigin}`,
    );
    this.linkOrigin = linkOrigin;
    this.expectedOrigin = expectedOrigin;
    this.via = via;
  }
}

/**
 * A `next` link repeats a page already fetched, or its `startIndex` / `_offset` does not move forward: the
 * walk would never end. Thrown after the pages already yielded; the link is not fetched.
 */
export class PagingLoopError extends BlueButtonError {
  override name = 'PagingLoopError';
  /** The offending link, redacted. */
  readonly url: string;
  readonly reason: 'repeated-link' | 'offset-not-advancing';

  constructor(url: string, reason: 'repeated-link' | 'offset-not-advancing') {
    super(
      'PAGING_LOOP',
      reason === 'repeated-link'
        ? `The server's next link repeats a page already fetched (${url}): stopping instead of looping`
        : `The server's next link does not advance its startIndex/_offset (${url}): stopping instead of looping`,
    );
    this.url = url;
    this.reason = reason;
  }
}

/** A token from one API version used with another (v1/v2 and v3 tokens are not interchangeable). */
export class VersionMismatchError extends BlueButtonError {
  override name = 'VersionMismatchError';
  readonly tokenVersion: number;
  readonly requestVersion: number;

  constructor(tokenVersion: number, requestVersion: number) {
    super(
      'VERSION_MISMATCH',
      `This token was issued by v${tokenVersion}; v${requestVersion} needs a token from /v${requestVersion}/o/token/ ` +
        '(v1/v2 and v3 tokens are not interchangeable)',
    );
    this.tokenVersion = tokenVersion;
    this.requestVersion = requestVersion;
  }
}
