/**
 * The three clients under test, used as their users would: bluebutton-ts (`all()`, `read`), the official
 * Node SDK cms-bluebutton-sdk@1.0.13 (`getExplanationOfBenefitData` + `getPages`, `getCustomData`) and a
 * plain `fetch` loop (the floor). Every walk and read checks its result, so no client wins by doing less.
 */
import { type AuthorizationToken, BlueButton, type BlueButtonClient } from 'bluebutton-ts';
import {
  Environments,
  BlueButton as OfficialBlueButton,
  AuthorizationToken as OfficialToken,
} from 'cms-bluebutton-sdk';
import { LOCAL_URL, type RegisteredClient, type SandboxProcess } from './sandbox-process.js';

export const PAGE_SIZE = 50;
const EOB_SEARCH = `${LOCAL_URL}/v2/fhir/ExplanationOfBenefit/`;

// ---- narrowing the official SDK's and fetch's untyped JSON ----

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function entryCount(bundle: unknown): number {
  if (field(bundle, 'resourceType') !== 'Bundle') throw new Error('not a Bundle');
  const entry = field(bundle, 'entry');
  return Array.isArray(entry) ? entry.length : 0;
}

export function nextLink(bundle: unknown): string | undefined {
  const links = field(bundle, 'link');
  if (!Array.isArray(links)) return undefined;
  const next: unknown = links.find((l: unknown) => field(l, 'relation') === 'next');
  const url = field(next, 'url');
  return typeof url === 'string' ? url : undefined;
}

function expectEob(resource: unknown, id: string): void {
  if (field(resource, 'resourceType') !== 'ExplanationOfBenefit' || field(resource, 'id') !== id) {
    throw new Error(`read ${id} did not return that ExplanationOfBenefit`);
  }
}

// ---- bluebutton-ts ----

export function ourBlueButton(client: RegisteredClient): BlueButton<2> {
  return new BlueButton({ ...client, environment: 'LOCAL', version: 2 });
}

/** A token for one beneficiary through our SDK's own flow (authorize URL, consent, code exchange). */
export async function authorize(sandbox: SandboxProcess, beneficiary: number): Promise<AuthorizationToken> {
  const bb = ourBlueButton(sandbox.client);
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), beneficiary);
  return bb.handleCallback(authData, callback);
}

export function ourClient(sandbox: SandboxProcess, token: AuthorizationToken): BlueButtonClient<2> {
  return ourBlueButton(sandbox.client).client(token);
}

export async function walkOurs(client: BlueButtonClient<2>, concurrency: number): Promise<number> {
  let n = 0;
  for await (const eob of client.v2.ExplanationOfBenefit.all({ _count: PAGE_SIZE }, { concurrency })) {
    if (eob.resourceType === 'ExplanationOfBenefit') n++;
  }
  return n;
}

export async function readOurs(client: BlueButtonClient<2>, id: string): Promise<void> {
  expectEob(await client.v2.ExplanationOfBenefit.read(id), id);
}

/** The ids of the first `count` EOBs of a beneficiary (the read benchmark cycles through them). */
export async function eobIds(client: BlueButtonClient<2>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const eob of client.v2.ExplanationOfBenefit.all({ _count: PAGE_SIZE }, { maxItems: count })) {
    if (eob.id) ids.push(eob.id);
  }
  return ids;
}

// ---- cms-bluebutton-sdk@1.0.13 ----

export interface Official {
  readonly bb: OfficialBlueButton;
  readonly token: OfficialToken;
}

/** The official SDK for the LOCAL environment (http://localhost:8000) with the same beneficiary's token. */
export function official(sandbox: SandboxProcess, token: AuthorizationToken): Official {
  const bb = new OfficialBlueButton({ ...sandbox.client, version: '2', environment: Environments.LOCAL });
  const json = token.toJSON();
  const officialToken = new OfficialToken({
    access_token: json.access_token,
    expires_in: json.expires_in,
    expires_at: token.expiresAt,
    token_type: json.token_type,
    scope: [...token.scope],
    refresh_token: json.refresh_token ?? '',
    patient: json.patient,
  });
  return { bb, token: officialToken };
}

export async function walkOfficial({ bb, token }: Official): Promise<number> {
  const first = await bb.getExplanationOfBenefitData(token, { params: { _count: PAGE_SIZE } });
  const data: unknown = first.response?.data;
  if (first.response?.status !== 200) throw new Error(`official SDK: HTTP ${first.response?.status}`);
  const { pages } = await bb.getPages(data, first.token);
  return (pages as unknown[]).reduce<number>((n, page) => n + entryCount(page), 0);
}

export async function readOfficial({ bb, token }: Official, id: string): Promise<void> {
  const { response } = await bb.getCustomData(`fhir/ExplanationOfBenefit/${id}`, token);
  if (response?.status !== 200) throw new Error(`official SDK: HTTP ${response?.status}`);
  expectEob(response.data as unknown, id);
}

// ---- raw fetch (the floor) ----

async function getJson(url: string, accessToken: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  if (response.status !== 200) throw new Error(`fetch ${url}: HTTP ${response.status}`);
  return response.json();
}

/** Sequential: follows `next`. With `concurrency > 1`: page 1, then the startIndex pages `concurrency` at once. */
export async function walkRaw(accessToken: string, concurrency: number): Promise<number> {
  const first = await getJson(`${EOB_SEARCH}?_count=${PAGE_SIZE}`, accessToken);
  let n = entryCount(first);
  const next = nextLink(first);
  const total = field(first, 'total');
  if (concurrency > 1 && next !== undefined && typeof total === 'number') {
    const urls: string[] = [];
    const u = new URL(next);
    for (let s = Number(u.searchParams.get('startIndex')); s < total; s += PAGE_SIZE) {
      u.searchParams.set('startIndex', String(s));
      urls.push(u.toString());
    }
    let i = 0;
    const worker = async () => {
      while (i < urls.length) {
        const page = await getJson(urls[i++] as string, accessToken);
        n += entryCount(page); // after the await: `n += await ...` would add to a stale n
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return n;
  }
  for (let url = next; url !== undefined; ) {
    const page = await getJson(url, accessToken);
    n += entryCount(page);
    url = nextLink(page);
  }
  return n;
}

export async function readRaw(accessToken: string, id: string): Promise<void> {
  expectEob(await getJson(`${EOB_SEARCH}${id}`, accessToken), id);
}
