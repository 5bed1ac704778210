import { BlueButtonError } from './blue-button-error.js';

export interface ConfigProblemLocation {
  /** The configuration key at fault, e.g. `clientId` or `retrySettings.backoffFactor`. */
  readonly key: string;
  /** `object`, `environment`, or the file path. */
  readonly source: string;
  readonly line?: number;
  readonly column?: number;
}

/** Bad configuration: names the key and where it came from (file:line:col for parse errors). */
export class ConfigError extends BlueButtonError {
  override name = 'ConfigError';
  readonly key: string;
  readonly source: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, where: ConfigProblemLocation, options?: ErrorOptions) {
    const at = where.line === undefined ? where.source : `${where.source}:${where.line}:${where.column ?? 1}`;
    super('CONFIG_INVALID', `${where.key}: ${message} (in ${at})`, options);
    this.key = where.key;
    this.source = where.source;
    this.line = where.line;
    this.column = where.column;
  }
}
