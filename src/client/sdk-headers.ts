import { SDK_NAME, SDK_VERSION } from '../types.js';

/** Identifies this SDK to BB2, which logs these headers (bb2-api 4.4); the version comes from package.json. */
export const SDK_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-BLUEBUTTON-SDK': SDK_NAME,
  'X-BLUEBUTTON-SDK-VERSION': SDK_VERSION,
  'User-Agent': `${SDK_NAME}/${SDK_VERSION}`,
});
