/**
 * How a page becomes bytes: NDJSON (one resource per line, as BB2 sent it), or for EOBs with
 * `--format csv` the claim lines of `bluebutton-ts/claims` (`toCsv`, its stable `CSV_COLUMNS` header first).
 */
import { toCsv } from '../../claims/index.js';
import type { ExportResource } from '../parse-args.js';

export interface PageFormat {
  /** The output file's name. */
  readonly file: string;
  /** The page's text; `first` when the file is empty (CSV writes its header then). */
  format(resources: readonly unknown[], first: boolean): Promise<string>;
}

const NDJSON = async (resources: readonly unknown[]) => {
  let text = '';
  for (const r of resources) text += `${JSON.stringify(r)}\n`;
  return text;
};

export function pageFormat(resource: ExportResource, format: 'ndjson' | 'csv'): PageFormat {
  if (format === 'csv' && resource === 'ExplanationOfBenefit') {
    return {
      file: 'claim-lines.csv',
      async format(resources, first) {
        let text = '';
        let header = true;
        // toCsv's first chunk is the header row; the rest is one chunk per claim.
        for await (const chunk of toCsv(resources as Parameters<typeof toCsv>[0])) {
          if (!header || first) text += chunk;
          header = false;
        }
        return text;
      },
    };
  }
  return { file: `${resource}.ndjson`, format: NDJSON };
}
