import { SDK_NAME, SDK_VERSION } from '../types.js';

/**
 * Identifies this SDK to BB2, which logs these headers (bb2-api 4.4). Name and version are constants that
 * `npm run generate` writes from package.json, so no runtime reads a file (or needs `node:module`) for them.
 */
export const SDK_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-BLUEBUTTON-SDK': SDK_NAME,
  'X-BLUEBUTTON-SDK-VERSION': SDK_VERSION,
  'User-Agent': `${SDK_NAME}/${SDK_VERSION}`,
});
