/**
 * toCsv and toNdjson: the stable column list, RFC 4180 quoting, one row per line, EOBs or records from
 * sync or async sources, and a real `client.v2.ExplanationOfBenefit.all()` piped to a file.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isBlueButtonError } from 'bluebutton-ts';
import { type AnyExplanationOfBenefit, CSV_COLUMNS, toClaim, toCsv, toNdjson } from 'bluebutton-ts/claims';
import { describe, expect, test } from 'vitest';
import { createDataset } from '../../src/sandbox/data/create-dataset.js';
import { session } from '../helpers/sandbox-session.js';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

/** A minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF records), to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const ds = createDataset({ seed: 5, beneficiaries: 1, eobsPerBeneficiary: 40 });
const bene = ds.beneficiaries[0];
if (!bene) throw new Error('no beneficiary');
const eobs: AnyExplanationOfBenefit[] = Array.from({ length: bene.eobCount }, (_, i) =>
  ds.eob(bene, 2, ds.claimHeader(bene, i)),
);

describe('toCsv', () => {
  test('a header of CSV_COLUMNS, then one CRLF row per claim line with the line values', async () => {
    const text = await collect(toCsv(eobs));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const claims = eobs.map(toClaim);
    const lineCount = claims.reduce((n, c) => n + c.lines.length, 0);
    expect(rows).toHaveLength(1 + lineCount);
    expect(text.split('\r\n')).toHaveLength(2 + lineCount); // every record ends in CRLF
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const first = claims[0];
    const line = first?.lines[0];
    expect(rows[1]?.[col('eob_id')]).toBe(first?.id);
    expect(rows[1]?.[col('claim_type')]).toBe(first?.type);
    expect(rows[1]?.[col('line_sequence')]).toBe(String(line?.sequence));
    expect(rows[1]?.[col('line_submitted')]).toBe(String(line?.amounts.submitted?.value ?? ''));
    expect(rows.slice(1).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  test('RFC 4180: commas, quotes and line breaks are quoted, quotes doubled; a claim without lines keeps a row', async () => {
    const base = eobs[0];
    if (!base) throw new Error('no EOB');
    const odd = { ...base, id: 'odd,"id"\r\nx', item: [] } as AnyExplanationOfBenefit;
    const text = await collect(toCsv([odd]));
    expect(text).toContain(`\r\n"odd,""id""\r\nx",`);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe('odd,"id"\r\nx');
    expect(rows[1]?.[CSV_COLUMNS.indexOf('line_sequence')]).toBe('');
  });

  test('accepts normalized records and async iterables alike', async () => {
    async function* slow() {
      for (const e of eobs.slice(0, 5)) yield e;
    }
    const fromEobs = await collect(toCsv(slow()));
    const fromRecords = await collect(toCsv(eobs.slice(0, 5).map(toClaim)));
    expect(fromRecords).toBe(fromEobs);
  });

  test('an item that is not an EOB fails with INVALID_PARAMS naming what it got', async () => {
    const bad = [{ resourceType: 'Patient', id: 'p' }] as unknown as AnyExplanationOfBenefit[];
    const err = await collect(toCsv(bad)).catch((e: unknown) => e);
    expect(isBlueButtonError(err) && err.code).toBe('INVALID_PARAMS');
    expect(String(err)).toContain('got resourceType Patient');
  });
});

describe('toNdjson', () => {
  test('one JSON record per line, equal to toClaim', async () => {
    const text = await collect(toNdjson(eobs));
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(eobs.map((e) => toClaim(e)));
  });
});

test('client.v2.ExplanationOfBenefit.all() pipes through toCsv and toNdjson into files', async () => {
  const { sandbox, bb, token } = await session(2, { beneficiaries: 1, eobsPerBeneficiary: 75 });
  const dir = await mkdtemp(join(tmpdir(), 'bb-claims-'));
  try {
    const client = bb.client(token);
    await pipeline(
      Readable.from(toCsv(client.v2.ExplanationOfBenefit.all({ _count: 20 }))),
      createWriteStream(join(dir, 'lines.csv')),
    );
    await pipeline(
      Readable.from(toNdjson(client.v2.ExplanationOfBenefit.all({ _count: 20 }))),
      createWriteStream(join(dir, 'claims.ndjson')),
    );
    const claims = (await readFile(join(dir, 'claims.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(claims).toHaveLength(75);
    const rows = parseCsv(await readFile(join(dir, 'lines.csv'), 'utf8'));
    const lines = claims.reduce((n: number, c: { lines: unknown[] }) => n + Math.max(1, c.lines.length), 0);
    expect(rows).toHaveLength(1 + lines);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(75);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await sandbox.close();
  }
});
