/**
 * Contract tests for the account-level APIs setup and deploy use: Flex configuration, Conversations
 * addresses, Studio flows, TaskRouter channels, API keys and the Serverless API. The parameters we
 * send must exist in Twilio's OpenAPI descriptions and the emulator's answers must validate against
 * the described schemas; failures must be Twilio error JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { studioFlowDefinition } from '../../scripts/lib/studio-flow';
import { TEST_EMULATOR_OPTIONS as O } from '../support/twilio-at-emulator';
import { TWILIO_ERROR_SCHEMA, loadSpec, requestParameterNames, responseValidators, type SpecName } from '../support/twilio-openapi';

interface Operation {
  spec: SpecName;
  method: 'GET' | 'POST' | 'DELETE';
  /** The path as the spec writes it. */
  specPath: string;
  path: () => string;
  params?: () => Record<string, string | string[]>;
  /** A multipart upload; the spec describes uploads only by the version they answer with. */
  upload?: { path: string; visibility: string; content: string };
  status: number;
  /** Validate the answer as this operation's instead (uploads answer a version resource). */
  answersAs?: { specPath: string; method: 'GET' };
  check?: (body: Record<string, unknown>) => void;
}

const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;
const ids: Record<string, string> = {};
const keep = (name: string) => (body: Record<string, unknown>) => void (ids[name] = String(body.sid));

function encode(params: Record<string, string | string[]>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of [value].flat()) query.append(name, one);
  return query;
}

async function call(base: string, op: Operation): Promise<{ status: number; body: unknown }> {
  const params = encode(op.params?.() ?? {});
  let body: FormData | string | undefined;
  if (op.upload) {
    body = new FormData();
    body.append('Path', op.upload.path);
    body.append('Visibility', op.upload.visibility);
    body.append('Content', new Blob([op.upload.content], { type: 'application/javascript' }), 'file.js');
  } else if (op.method === 'POST') body = params.toString();
  const headers: Record<string, string> = { authorization: auth };
  if (typeof body === 'string') headers['content-type'] = 'application/x-www-form-urlencoded';
  const url = `${base}${op.path()}${op.method === 'GET' && params.size > 0 ? `?${params}` : ''}`;
  const response = await fetch(url, { method: op.method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const accountOperations: Operation[] = [
  { spec: 'twilio_flex_v1', method: 'GET', specPath: '/v1/Configuration', path: () => '/v1/Configuration', status: 200, check: (b) => {
    expect(b.flex_service_instance_sid).toBe(O.conversationsServiceSid);
    ids.workspace = String(b.taskrouter_workspace_sid);
    ids.workflow = String(b.taskrouter_target_workflow_sid);
  } },
  { spec: 'twilio_taskrouter_v1', method: 'GET', specPath: '/v1/Workspaces/{WorkspaceSid}/TaskChannels', path: () => `/v1/Workspaces/${ids.workspace}/TaskChannels`, params: () => ({ PageSize: '50' }), status: 200, check: (b) => {
    ids.chatChannel = String((b.channels as Array<{ sid: string; unique_name: string }>).find((c) => c.unique_name === 'chat')?.sid);
  } },
  { spec: 'twilio_conversations_v1', method: 'GET', specPath: '/v1/Configuration/Addresses', path: () => '/v1/Configuration/Addresses', params: () => ({ Type: 'chat' }), status: 200, check: (b) => {
    expect((b.address_configurations as Array<{ sid: string }>).map((a) => a.sid)).toStrictEqual([O.addressSid]);
  } },
  { spec: 'twilio_studio_v2', method: 'POST', specPath: '/v2/Flows', path: () => '/v2/Flows', status: 201, check: keep('flow'), params: () => ({
    FriendlyName: 'Web chat to Flex', Status: 'published', Definition: studioFlowDefinition({ workflowSid: ids.workflow ?? '', chatTaskChannelSid: ids.chatChannel ?? '' }), CommitMessage: 'first',
  }) },
  { spec: 'twilio_studio_v2', method: 'GET', specPath: '/v2/Flows', path: () => '/v2/Flows', params: () => ({ PageSize: '20' }), status: 200 },
  { spec: 'twilio_studio_v2', method: 'GET', specPath: '/v2/Flows/{Sid}', path: () => `/v2/Flows/${ids.flow}`, status: 200 },
  { spec: 'twilio_studio_v2', method: 'POST', specPath: '/v2/Flows/{Sid}', path: () => `/v2/Flows/${ids.flow}`, params: () => ({ Status: 'published', CommitMessage: 'again' }), status: 200, check: (b) => expect(b.revision).toBe(2) },
  { spec: 'twilio_conversations_v1', method: 'POST', specPath: '/v1/Configuration/Addresses', path: () => '/v1/Configuration/Addresses', status: 201, params: () => ({
    Type: 'chat', Address: 'web-chat-test', FriendlyName: 'Web chat', 'AutoCreation.Enabled': 'true', 'AutoCreation.Type': 'studio',
    'AutoCreation.ConversationServiceSid': O.conversationsServiceSid, 'AutoCreation.StudioFlowSid': ids.flow ?? '',
  }), check: (b) => {
    expect(b.auto_creation).toMatchObject({ enabled: true, type: 'studio', conversation_service_sid: O.conversationsServiceSid, studio_flow_sid: ids.flow });
    ids.address = String(b.sid);
  } },
  { spec: 'twilio_conversations_v1', method: 'GET', specPath: '/v1/Configuration/Addresses/{Sid}', path: () => `/v1/Configuration/Addresses/${ids.address}`, status: 200 },
  { spec: 'twilio_conversations_v1', method: 'DELETE', specPath: '/v1/Configuration/Addresses/{Sid}', path: () => `/v1/Configuration/Addresses/${ids.address}`, status: 204 },
  { spec: 'twilio_studio_v2', method: 'DELETE', specPath: '/v2/Flows/{Sid}', path: () => `/v2/Flows/${ids.flow}`, status: 204 },
  { spec: 'twilio_api_v2010', method: 'POST', specPath: '/2010-04-01/Accounts/{AccountSid}/Keys.json', path: () => `/2010-04-01/Accounts/${O.accountSid}/Keys.json`, params: () => ({ FriendlyName: 'web chat' }), status: 201, check: (b) => {
    expect(typeof b.secret).toBe('string');
    ids.key = String(b.sid);
  } },
  { spec: 'twilio_api_v2010', method: 'GET', specPath: '/2010-04-01/Accounts/{AccountSid}/Keys.json', path: () => `/2010-04-01/Accounts/${O.accountSid}/Keys.json`, status: 200, check: (b) => {
    expect((b.keys as Array<Record<string, unknown>>).every((key) => !('secret' in key))).toBe(true);
  } },
  { spec: 'twilio_api_v2010', method: 'GET', specPath: '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json', path: () => `/2010-04-01/Accounts/${O.accountSid}/Keys/${ids.key}.json`, status: 200 },
  { spec: 'twilio_api_v2010', method: 'DELETE', specPath: '/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json', path: () => `/2010-04-01/Accounts/${O.accountSid}/Keys/${ids.key}.json`, status: 204 },
];

const S = '/v1/Services/{ServiceSid}';
const service = () => `/v1/Services/${ids.service}`;
const environment = () => `${service()}/Environments/${ids.environment}`;
const serverless = (op: Omit<Operation, 'spec'>): Operation => ({ spec: 'twilio_serverless_v1', ...op });

const serverlessOperations: Operation[] = [
  serverless({ method: 'POST', specPath: '/v1/Services', path: () => '/v1/Services', params: () => ({ UniqueName: 'webchat-contract', FriendlyName: 'webchat', IncludeCredentials: 'true', UiEditable: 'false' }), status: 201, check: keep('service') }),
  serverless({ method: 'GET', specPath: '/v1/Services', path: () => '/v1/Services', params: () => ({ PageSize: '50' }), status: 200 }),
  serverless({ method: 'POST', specPath: '/v1/Services/{Sid}', path: service, params: () => ({ UiEditable: 'true' }), status: 200, check: (b) => expect(b.ui_editable).toBe(true) }),
  serverless({ method: 'GET', specPath: '/v1/Services/{Sid}', path: service, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Environments`, path: () => `${service()}/Environments`, params: () => ({ UniqueName: 'production', DomainSuffix: 'prod' }), status: 201, check: keep('environment') }),
  serverless({ method: 'GET', specPath: `${S}/Environments`, path: () => `${service()}/Environments`, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Environments/{EnvironmentSid}/Variables`, path: () => `${environment()}/Variables`, params: () => ({ Key: 'ALLOWED_ORIGINS', Value: 'https://a.example' }), status: 201, check: keep('variable') }),
  serverless({ method: 'POST', specPath: `${S}/Environments/{EnvironmentSid}/Variables/{Sid}`, path: () => `${environment()}/Variables/${ids.variable}`, params: () => ({ Value: 'https://b.example' }), status: 200, check: (b) => expect(b.value).toBe('https://b.example') }),
  serverless({ method: 'GET', specPath: `${S}/Environments/{EnvironmentSid}/Variables`, path: () => `${environment()}/Variables`, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Functions`, path: () => `${service()}/Functions`, params: () => ({ FriendlyName: 'initWebchat' }), status: 201, check: keep('function') }),
  serverless({ method: 'GET', specPath: `${S}/Functions`, path: () => `${service()}/Functions`, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Functions/{FunctionSid}/Versions`, answersAs: { specPath: `${S}/Functions/{FunctionSid}/Versions/{Sid}`, method: 'GET' }, path: () => `${service()}/Functions/${ids.function}/Versions`, upload: { path: '/initWebchat', visibility: 'public', content: 'exports.handler = () => {};' }, status: 201, check: keep('functionVersion') }),
  serverless({ method: 'GET', specPath: `${S}/Functions/{FunctionSid}/Versions/{Sid}/Content`, path: () => `${service()}/Functions/${ids.function}/Versions/${ids.functionVersion}/Content`, status: 200, check: (b) => expect(b.content).toBe('exports.handler = () => {};') }),
  serverless({ method: 'POST', specPath: `${S}/Assets`, path: () => `${service()}/Assets`, params: () => ({ FriendlyName: 'webchat.js' }), status: 201, check: keep('asset') }),
  serverless({ method: 'POST', specPath: `${S}/Assets/{AssetSid}/Versions`, answersAs: { specPath: `${S}/Assets/{AssetSid}/Versions/{Sid}`, method: 'GET' }, path: () => `${service()}/Assets/${ids.asset}/Versions`, upload: { path: '/webchat.js', visibility: 'public', content: '(()=>{})();' }, status: 201, check: keep('assetVersion') }),
  serverless({ method: 'GET', specPath: `${S}/Assets/{AssetSid}/Versions`, path: () => `${service()}/Assets/${ids.asset}/Versions`, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Builds`, path: () => `${service()}/Builds`, status: 201, check: keep('build'), params: () => ({
    FunctionVersions: [ids.functionVersion ?? ''], AssetVersions: [ids.assetVersion ?? ''], Dependencies: '[{"name":"twilio","version":"6.2.0"}]', Runtime: 'node22',
  }) }),
  serverless({ method: 'GET', specPath: `${S}/Builds/{Sid}/Status`, path: () => `${service()}/Builds/${ids.build}/Status`, status: 200, check: (b) => expect(b.status).toBe('completed') }),
  serverless({ method: 'GET', specPath: `${S}/Builds/{Sid}`, path: () => `${service()}/Builds/${ids.build}`, status: 200 }),
  serverless({ method: 'POST', specPath: `${S}/Environments/{EnvironmentSid}/Deployments`, path: () => `${environment()}/Deployments`, params: () => ({ BuildSid: ids.build ?? '' }), status: 201, check: keep('deployment') }),
  serverless({ method: 'GET', specPath: `${S}/Environments/{EnvironmentSid}/Deployments/{Sid}`, path: () => `${environment()}/Deployments/${ids.deployment}`, status: 200 }),
  serverless({ method: 'GET', specPath: `${S}/Environments/{EnvironmentSid}/Deployments`, path: () => `${environment()}/Deployments`, status: 200 }),
  serverless({ method: 'GET', specPath: `${S}/Environments/{Sid}`, path: environment, status: 200, check: (b) => expect(b.build_sid).toBe(ids.build) }),
  serverless({ method: 'DELETE', specPath: `${S}/Environments/{EnvironmentSid}/Variables/{Sid}`, path: () => `${environment()}/Variables/${ids.variable}`, status: 204 }),
];

/** Calls that must fail, with the status we expect: their bodies must be Twilio error JSON. */
const failingOperations: Operation[] = [
  { spec: 'twilio_studio_v2', method: 'GET', specPath: '/v2/Flows/{Sid}', path: () => `/v2/Flows/FW${'0'.repeat(32)}`, status: 404 },
  { spec: 'twilio_studio_v2', method: 'POST', specPath: '/v2/Flows', path: () => '/v2/Flows', params: () => ({ FriendlyName: 'x', Status: 'draft', Definition: '{' }), status: 400 },
  { spec: 'twilio_studio_v2', method: 'POST', specPath: '/v2/Flows', path: () => '/v2/Flows', params: () => ({ FriendlyName: 'x', Status: 'draft', Definition: studioFlowDefinition({ workflowSid: `WW${'0'.repeat(32)}`, chatTaskChannelSid: ids.chatChannel ?? '' }) }), status: 400 },
  { spec: 'twilio_conversations_v1', method: 'POST', specPath: '/v1/Configuration/Addresses', path: () => '/v1/Configuration/Addresses', params: () => ({ Type: 'fax', Address: 'x' }), status: 400 },
  { spec: 'twilio_api_v2010', method: 'GET', specPath: '/2010-04-01/Accounts/{AccountSid}/Keys.json', path: () => `/2010-04-01/Accounts/AC${'9'.repeat(32)}/Keys.json`, status: 404 },
  serverless({ method: 'POST', specPath: '/v1/Services', path: () => '/v1/Services', params: () => ({ UniqueName: 'webchat-contract', FriendlyName: 'again' }), status: 409 }),
  serverless({ method: 'GET', specPath: '/v1/Services/{Sid}', path: () => `/v1/Services/ZS${'0'.repeat(32)}`, status: 404 }),
  serverless({ method: 'POST', specPath: `${S}/Builds`, path: () => `${service()}/Builds`, params: () => ({ FunctionVersions: [`ZN${'0'.repeat(32)}`] }), status: 400 }),
];

describe('emulator contract for the account, Studio, TaskRouter and Serverless APIs', () => {
  let emulator: RunningEmulator;
  const validateError = new Ajv({ strict: false }).compile(TWILIO_ERROR_SCHEMA);
  const specs = new Map<SpecName, { spec: ReturnType<typeof loadSpec>; validators: ReturnType<typeof responseValidators> }>();
  const specFor = (name: SpecName) => {
    let entry = specs.get(name);
    if (entry === undefined) {
      const spec = loadSpec(name);
      entry = { spec, validators: responseValidators(spec, name, { relativeUris: name === 'twilio_api_v2010' }) };
      specs.set(name, entry);
    }
    return entry;
  };

  beforeAll(async () => {
    emulator = await startEmulator(O);
  });
  afterAll(() => emulator.close());

  async function runAndValidate(op: Operation): Promise<void> {
    const { spec, validators } = specFor(op.spec);
    const known = requestParameterNames(spec, op.specPath, op.answersAs ? 'GET' : op.method);
    for (const name of Object.keys(op.params?.() ?? {})) expect([name, known.has(name)]).toStrictEqual([name, true]);
    const { status, body } = await call(emulator.url, op);
    expect([op.method, op.path(), status]).toStrictEqual([op.method, op.path(), op.status]);
    const validate = validators(op.answersAs?.specPath ?? op.specPath, op.answersAs?.method ?? op.method, op.answersAs ? 200 : status);
    if (status >= 400) {
      expect(validateError(body)).toBe(true);
      return;
    }
    if (validate === undefined) {
      expect(body).toBe(undefined);
      return;
    }
    const valid = validate(body);
    expect([op.specPath, valid ? [] : validate.errors]).toStrictEqual([op.specPath, []]);
    op.check?.(body as Record<string, unknown>);
  }

  it('starts as a fresh Flex account and answers the account operations setup uses in the described shapes', async () => {
    for (const op of accountOperations) await runAndValidate(op);
  });

  it('answers the Serverless operations a deployment uses, uploads included, in the described shapes', async () => {
    for (const op of serverlessOperations) await runAndValidate(op);
  });

  it('answers failures with Twilio error JSON', async () => {
    for (const op of failingOperations) await runAndValidate(op);
  });
});
