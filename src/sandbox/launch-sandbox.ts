/**
 * Starts the HTTP server for a dataset and assembles the {@link Sandbox} handle.
 */
import type { AddressInfo } from 'node:net';
import { authorizeThroughConsent } from './authorize-client.js';
import type { Dataset } from './data/dataset-types.js';
import { SandboxOptionsError } from './sandbox-options-error.js';
import type {
  RecordedRequest,
  Sandbox,
  SandboxApiVersion,
  SandboxApp,
  SandboxOptions,
} from './sandbox-types.js';
import { createContext, type SandboxContext } from './server/context.js';
import { createFaultScripts } from './server/faults.js';
import { createHttpServer } from './server/http-server.js';
import { createRouter } from './server/router.js';
import { sandboxRoutes } from './server/routes.js';
import { resolveSettings } from './server/settings.js';

export async function launchSandbox(dataset: Dataset, options: SandboxOptions): Promise<Sandbox> {
  const settings = resolveSettings(options);
  const ctx = createContext(dataset, settings);
  const router = createRouter(sandboxRoutes());
  const faults = createFaultScripts(router.routeKeys);
  const requests: RecordedRequest[] = [];
  let url = '';
  const http = createHttpServer({ ctx, router, faults, requests, fallbackOrigin: () => url });
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(settings.port, settings.host, () => {
      http.server.off('error', reject);
      resolve();
    });
  });
  const port = (http.server.address() as AddressInfo).port;
  url = `http://${urlHost(settings.host)}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      http.cancelTimers();
      http.server.close(() => resolve());
      http.server.closeAllConnections();
    });
    return closing;
  };
  return assemble({ url, port, dataset, ctx, faults, requests, close });
}

interface Parts {
  readonly url: string;
  readonly port: number;
  readonly dataset: Dataset;
  readonly ctx: SandboxContext;
  readonly faults: ReturnType<typeof createFaultScripts>;
  readonly requests: RecordedRequest[];
  readonly close: () => Promise<void>;
}

function assemble(parts: Parts): Sandbox {
  const { ctx, url } = parts;
  const apps: SandboxApp[] = ctx.settings.apps.map((app) => ({
    ...app,
    redirectUris: [...app.redirectUris],
  }));
  const first = apps[0];
  const client = {
    clientId: first?.clientId ?? '',
    clientSecret: first?.clientSecret ?? '',
    redirectUri: first?.redirectUris[0] ?? '',
  };
  const appOf = (clientId: string | undefined): SandboxApp => {
    const app = clientId === undefined ? first : apps.find((a) => a.clientId === clientId);
    if (app === undefined)
      throw new SandboxOptionsError('UNKNOWN_SANDBOX_APP', 'No app with that client id is registered');
    return app;
  };
  const beneficiaryIndex = (key: number | string): number => {
    const bene = ctx.findBeneficiary(key);
    if (bene === undefined)
      throw new RangeError(`No synthetic beneficiary ${JSON.stringify(key)} in the sandbox`);
    return bene.index;
  };
  return {
    url,
    port: parts.port,
    dataset: parts.dataset,
    client,
    apps,
    config: (overrides) => {
      const options = typeof overrides === 'string' ? { clientId: overrides } : (overrides ?? {});
      const app = appOf(options.clientId);
      return {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        callbackUrl: app.redirectUris[0] ?? '',
        baseUrl: url,
        environment: 'LOCAL',
        version: options.version ?? (2 as SandboxApiVersion),
      };
    },
    authorize: async (authorizeUrl, options = {}) => {
      const bene = parts.dataset.beneficiaries[beneficiaryIndex(options.beneficiary ?? 0)];
      return authorizeThroughConsent(authorizeUrl, bene?.username ?? '', options);
    },
    faults: { set: parts.faults.set, clear: parts.faults.clear, pending: parts.faults.pending },
    requests: parts.requests,
    expireAccessTokens: () => ctx.registry.expireAllAccess(),
    expireGrant: (beneficiary, clientId) => {
      ctx.registry.expireGrant(
        beneficiaryIndex(beneficiary),
        clientId === undefined ? undefined : appOf(clientId).clientId,
      );
    },
    revokeGrant: (beneficiary, clientId) =>
      ctx.registry.revokeGrant(
        beneficiaryIndex(beneficiary),
        clientId === undefined ? undefined : appOf(clientId).clientId,
      ),
    close: parts.close,
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
