/**
 * Serverless Functions and Assets, their uploaded Versions, and Builds. Versions are uploaded as
 * `multipart/form-data` (`Path`, `Visibility`, `Content`), which Twilio takes at
 * serverless-upload.twilio.com under the same path the list of versions has on serverless.twilio.com.
 */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { BuildRecord, CodeKind, CodeRecord, Dependency, ServerlessStore, VersionRecord, Visibility } from '../../store/serverless-store';
import { invalidParameter, missingParameter, notFound } from '../../twilio-errors';
import { isoDate, requiredParam } from './common';
import { SERVERLESS_BASE, requireOwned, requireService, type ServerlessContext } from './serverless-common';

const VISIBILITIES: readonly Visibility[] = ['public', 'private', 'protected'];
const RUNTIMES = ['node8', 'node10', 'node12', 'node14', 'node16', 'node18', 'node20', 'node22'];
/** What Twilio builds with when a build names no runtime. */
const DEFAULT_RUNTIME = 'node22';

const KINDS = {
  function: { collection: 'Functions', key: 'functions', versionKey: 'function_versions', parent: 'function_sid' },
  asset: { collection: 'Assets', key: 'assets', versionKey: 'asset_versions', parent: 'asset_sid' },
} as const;

function codeJson(context: ServerlessContext, record: CodeRecord) {
  const url = `${SERVERLESS_BASE}/${record.serviceSid}/${KINDS[record.kind].collection}/${record.sid}`;
  return {
    sid: record.sid,
    account_sid: context.accountSid,
    service_sid: record.serviceSid,
    friendly_name: record.friendlyName,
    date_created: isoDate(record.dateCreated),
    date_updated: isoDate(record.dateUpdated),
    url,
    links: { [KINDS[record.kind].versionKey]: `${url}/Versions` },
  };
}

/** As listed in a build: the version without its URL. */
function versionSummary(context: ServerlessContext, version: VersionRecord) {
  return {
    sid: version.sid,
    account_sid: context.accountSid,
    service_sid: version.serviceSid,
    [KINDS[version.kind].parent]: version.resourceSid,
    path: version.path,
    visibility: version.visibility,
    date_created: isoDate(version.dateCreated),
  };
}

function versionJson(context: ServerlessContext, version: VersionRecord) {
  const url = `${SERVERLESS_BASE}/${version.serviceSid}/${KINDS[version.kind].collection}/${version.resourceSid}/Versions/${version.sid}`;
  const links = version.kind === 'function' ? { links: { function_version_content: `${url}/Content` } } : {};
  return { ...versionSummary(context, version), url, ...links };
}

function buildJson(context: ServerlessContext, store: ServerlessStore, build: BuildRecord) {
  const url = `${SERVERLESS_BASE}/${build.serviceSid}/Builds/${build.sid}`;
  const versions = (sids: string[]) => sids.flatMap((sid) => {
    const version = store.versions.get(sid);
    return version === undefined ? [] : [versionSummary(context, version)];
  });
  return {
    sid: build.sid,
    account_sid: context.accountSid,
    service_sid: build.serviceSid,
    status: build.status,
    asset_versions: versions(build.assetVersionSids),
    function_versions: versions(build.functionVersionSids),
    dependencies: build.dependencies,
    runtime: build.runtime,
    date_created: isoDate(build.dateCreated),
    date_updated: isoDate(build.dateUpdated),
    url,
    links: { build_status: `${url}/Status` },
  };
}

/** Twilio takes dependencies as a JSON string; twilio-run wraps that string in one more pair of quotes. */
function parseDependencies(raw: string | undefined): Dependency[] {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/^"(.*)"$/s, '$1'));
  } catch {
    throw invalidParameter('Dependencies must be a JSON array of {name, version}');
  }
  const valid = Array.isArray(parsed) && parsed.every((d: { name?: unknown; version?: unknown }) => typeof d?.name === 'string' && typeof d.version === 'string');
  if (!valid) throw invalidParameter('Dependencies must be a JSON array of {name, version}');
  return (parsed as Dependency[]).map(({ name, version }) => ({ name, version }));
}

function uploadedVersion(request: ApiRequest): { path: string; visibility: Visibility; content: Buffer } {
  const part = (name: string) => request.parts?.find((candidate) => candidate.name === name);
  const text = (name: string): string => {
    const value = part(name)?.data.toString('utf8');
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  };
  const path = text('Path');
  const visibility = VISIBILITIES.find((candidate) => candidate === text('Visibility'));
  const content = part('Content');
  if (!path.startsWith('/')) throw invalidParameter('Path must start with /');
  if (visibility === undefined) throw invalidParameter(`Visibility must be one of ${VISIBILITIES.join(', ')}`);
  if (content === undefined) throw missingParameter('Content');
  return { path, visibility, content: content.data };
}

function codeRoutes(context: ServerlessContext, kind: CodeKind): Route[] {
  const store = context.serverless;
  const { collection, key, versionKey } = KINDS[kind];
  const base = `/v1/Services/:serviceSid/${collection}`;
  const ofKind = (map: Map<string, CodeRecord>) => new Map([...map].filter(([, record]) => record.kind === kind));
  const requireCode = (request: ApiRequest): CodeRecord => requireOwned(context, request, ofKind(store.code));
  const requireParent = (request: ApiRequest): CodeRecord => {
    const parentSid = request.pathParams.parentSid ?? '';
    return requireCode({ ...request, pathParams: { ...request.pathParams, sid: parentSid } });
  };
  const versionsOf = (parent: CodeRecord) => [...store.versions.values()].filter((version) => version.resourceSid === parent.sid);
  return [
    {
      method: 'POST',
      template: base,
      handler: (request) => ({ status: 201, body: codeJson(context, store.createCode(requireService(context, request), kind, requiredParam(request, 'FriendlyName'))) }),
    },
    {
      method: 'GET',
      template: base,
      handler: (request) => {
        const service = requireService(context, request);
        const records = store.list(store.code, service.sid).filter((record) => record.kind === kind);
        const page = paginate(records, parsePageRequest(request.params, 1000), { key, url: `${SERVERLESS_BASE}/${service.sid}/${collection}`, keyOf: (r) => r.seq });
        return { status: 200, body: { [key]: page.items.map((record) => codeJson(context, record)), meta: page.meta } };
      },
    },
    { method: 'GET', template: `${base}/:sid`, handler: (request) => ({ status: 200, body: codeJson(context, requireCode(request)) }) },
    {
      method: 'POST',
      template: `${base}/:sid`,
      handler: (request) => {
        const record = requireCode(request);
        record.friendlyName = requiredParam(request, 'FriendlyName');
        record.dateUpdated = new Date();
        return { status: 200, body: codeJson(context, record) };
      },
    },
    {
      method: 'DELETE',
      template: `${base}/:sid`,
      handler: (request) => {
        store.code.delete(requireCode(request).sid);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      template: `${base}/:parentSid/Versions`,
      handler: (request) => ({ status: 201, body: versionJson(context, store.addVersion(requireParent(request), uploadedVersion(request))) }),
    },
    {
      method: 'GET',
      template: `${base}/:parentSid/Versions`,
      handler: (request) => {
        const parent = requireParent(request);
        const url = `${SERVERLESS_BASE}/${parent.serviceSid}/${collection}/${parent.sid}/Versions`;
        const page = paginate(versionsOf(parent), parsePageRequest(request.params, 1000), { key: versionKey, url, keyOf: (v) => v.seq });
        return { status: 200, body: { [versionKey]: page.items.map((version) => versionJson(context, version)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: `${base}/:parentSid/Versions/:sid`,
      handler: (request) => {
        const version = versionsOf(requireParent(request)).find((candidate) => candidate.sid === request.pathParams.sid);
        if (version === undefined) throw notFound(request.path);
        return { status: 200, body: versionJson(context, version) };
      },
    },
  ];
}

function functionContentRoute(context: ServerlessContext): Route {
  return {
    method: 'GET',
    template: '/v1/Services/:serviceSid/Functions/:functionSid/Versions/:sid/Content',
    handler: (request) => {
      const version = requireOwned(context, request, context.serverless.versions);
      if (version.kind !== 'function' || version.resourceSid !== request.pathParams.functionSid) throw notFound(request.path);
      const url = `${SERVERLESS_BASE}/${version.serviceSid}/Functions/${version.resourceSid}/Versions/${version.sid}/Content`;
      return {
        status: 200,
        body: { sid: version.sid, account_sid: context.accountSid, service_sid: version.serviceSid, function_sid: version.resourceSid, content: version.content.toString('utf8'), url },
      };
    },
  };
}

function buildRoutes(context: ServerlessContext): Route[] {
  const store = context.serverless;
  const base = '/v1/Services/:serviceSid/Builds';
  return [
    {
      method: 'POST',
      template: base,
      handler: (request) => {
        const runtime = request.params.Runtime ?? DEFAULT_RUNTIME;
        if (!RUNTIMES.includes(runtime)) throw invalidParameter(`Runtime must be one of ${RUNTIMES.join(', ')}`);
        const build = store.createBuild(requireService(context, request), {
          functionVersionSids: request.multiParams.getAll('FunctionVersions'),
          assetVersionSids: request.multiParams.getAll('AssetVersions'),
          dependencies: parseDependencies(request.params.Dependencies),
          runtime,
        });
        return { status: 201, body: buildJson(context, store, build) };
      },
    },
    {
      method: 'GET',
      template: base,
      handler: (request) => {
        const service = requireService(context, request);
        const page = paginate(store.list(store.builds, service.sid), parsePageRequest(request.params, 1000), { key: 'builds', url: `${SERVERLESS_BASE}/${service.sid}/Builds`, keyOf: (b) => b.seq });
        return { status: 200, body: { builds: page.items.map((build) => buildJson(context, store, build)), meta: page.meta } };
      },
    },
    { method: 'GET', template: `${base}/:sid`, handler: (request) => ({ status: 200, body: buildJson(context, store, requireOwned(context, request, store.builds)) }) },
    {
      method: 'GET',
      template: `${base}/:sid/Status`,
      handler: (request) => {
        const build = requireOwned(context, request, store.builds);
        const url = `${SERVERLESS_BASE}/${build.serviceSid}/Builds/${build.sid}/Status`;
        return { status: 200, body: { sid: build.sid, account_sid: context.accountSid, service_sid: build.serviceSid, status: build.status, url } };
      },
    },
    {
      method: 'DELETE',
      template: `${base}/:sid`,
      handler: (request) => {
        store.builds.delete(requireOwned(context, request, store.builds).sid);
        return { status: 204 };
      },
    },
  ];
}

export function serverlessCodeRoutes(context: ServerlessContext): Route[] {
  return [...codeRoutes(context, 'function'), ...codeRoutes(context, 'asset'), functionContentRoute(context), ...buildRoutes(context)];
}
