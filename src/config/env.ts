/**
 * The `BLUEBUTTON_*` environment variables, which fill whatever the object or file leaves out.
 */
import { ENV_VARIABLES } from './config-keys.js';
import { ENVIRONMENT_SOURCE, type Fields } from './fields.js';

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** Errors about these values name the variable (`BLUEBUTTON_VERSION`) and the source `environment`. */
export function readEnvironment(env: EnvironmentVariables): Fields {
  const fields: Fields = {};
  for (const [field, variable] of ENV_VARIABLES) {
    const value = env[variable];
    // `VAR=` is how shells and .env files unset a variable, so an empty value counts as absent.
    if (value === undefined || value.trim() === '') continue;
    fields[field] = { value, where: { key: variable, source: ENVIRONMENT_SOURCE } };
  }
  return fields;
}
