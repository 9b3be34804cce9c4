/**
 * Contract tests: for every operation the emulator serves, the parameters we send exist in Twilio's
 * OpenAPI description and the emulator's real answers validate against the described schema.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { TEST_EMULATOR_OPTIONS as O } from '../support/twilio-at-emulator';
import { PRODUCT_HOST_HEADER } from '../../contract/api-redirect';
import { TWILIO_ERROR_SCHEMA, loadSpec, productHost, requestParameterNames, responseValidators, type OpenApiSpec } from '../support/twilio-openapi';
import { twilioAt } from '../support/twilio-at-emulator';

interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path as the spec writes it. */
  specPath: string;
  path: () => string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  status: number;
  /** Remembers sids from the answer for later operations. */
  capture?: (body: Record<string, unknown>) => void;
}

const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;

/** `host` is the product's (contract/api-redirect.ts), as the project's redirecting clients send it. */
async function call(base: string, op: Operation, host: string): Promise<{ status: number; body: unknown }> {
  const query = new URLSearchParams(op.params);
  const isPost = op.method === 'POST';
  const url = `${base}${op.path()}${!isPost && op.params ? `?${query}` : ''}`;
  const response = await fetch(url, {
    method: op.method,
    headers: { authorization: auth, [PRODUCT_HOST_HEADER]: host, ...(isPost ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...op.headers },
    body: isPost ? query.toString() : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const sidOf = (body: Record<string, unknown>): string => String(body.sid);

/** The Conversations operations, in an order where each finds what it needs, under one URL prefix. */
function conversationOperations(specPrefix: string, prefix: string): Operation[] {
  const ids = { conversation: '', participant: '', message: '', user: '', role: '' };
  const c = () => `${prefix}/Conversations/${ids.conversation}`;
  const conv = `${specPrefix}/Conversations`;
  return [
    { method: 'POST', specPath: `${specPrefix}/Users`, path: () => `${prefix}/Users`, params: { Identity: 'agent@example.com', FriendlyName: 'Alice', Attributes: '{}' }, status: 201, capture: (b) => (ids.user = sidOf(b)) },
    { method: 'GET', specPath: `${specPrefix}/Users`, path: () => `${prefix}/Users`, params: { PageSize: '10' }, status: 200 },
    { method: 'GET', specPath: `${specPrefix}/Users/{Sid}`, path: () => `${prefix}/Users/${ids.user}`, status: 200 },
    { method: 'POST', specPath: `${specPrefix}/Users/{Sid}`, path: () => `${prefix}/Users/agent@example.com`, params: { FriendlyName: 'Alice B.', Attributes: '{"x":1}' }, status: 200 },
    { method: 'POST', specPath: `${specPrefix}/Roles`, path: () => `${prefix}/Roles`, params: { FriendlyName: 'visitor', Type: 'service', Permission: 'editOwnUserInfo' }, status: 201, capture: (b) => (ids.role = sidOf(b)) },
    { method: 'GET', specPath: `${specPrefix}/Roles`, path: () => `${prefix}/Roles`, params: { PageSize: '20' }, status: 200 },
    { method: 'GET', specPath: `${specPrefix}/Roles/{Sid}`, path: () => `${prefix}/Roles/${ids.role}`, status: 200 },
    { method: 'POST', specPath: `${specPrefix}/Roles/{Sid}`, path: () => `${prefix}/Roles/${ids.role}`, params: { Permission: 'createConversation' }, status: 200 },
    { method: 'POST', specPath: conv, path: () => `${prefix}/Conversations`, params: { FriendlyName: 'f', UniqueName: `u-${specPrefix.length}`, Attributes: '{}', State: 'active', DateCreated: '2026-01-02T03:04:05Z', DateUpdated: '2026-01-02T03:04:06Z' }, status: 201, capture: (b) => (ids.conversation = sidOf(b)) },
    { method: 'GET', specPath: conv, path: () => `${prefix}/Conversations`, params: { State: 'active', StartDate: '2026-01-02', EndDate: '2026-01-02T23:59:59Z', PageSize: '5', Page: '0' }, status: 200 },
    { method: 'GET', specPath: `${conv}/{Sid}`, path: c, status: 200 },
    { method: 'POST', specPath: `${conv}/{Sid}`, path: c, params: { Attributes: '{"a":1}', State: 'inactive', FriendlyName: 'g' }, status: 200 },
    { method: 'POST', specPath: `${conv}/{ConversationSid}/Participants`, path: () => `${c()}/Participants`, params: { Identity: 'agent@example.com', Attributes: '{}', DateCreated: '2026-01-02T03:04:05Z' }, status: 201, capture: (b) => (ids.participant = sidOf(b)) },
    { method: 'GET', specPath: `${conv}/{ConversationSid}/Participants`, path: () => `${c()}/Participants`, params: { PageSize: '5' }, status: 200 },
    { method: 'GET', specPath: `${conv}/{ConversationSid}/Participants/{Sid}`, path: () => `${c()}/Participants/${ids.participant}`, status: 200 },
    { method: 'POST', specPath: `${conv}/{ConversationSid}/Messages`, path: () => `${c()}/Messages`, params: { Author: 'agent@example.com', Body: 'hello', Attributes: '{}' }, headers: { 'X-Twilio-Webhook-Enabled': 'true' }, status: 201, capture: (b) => (ids.message = sidOf(b)) },
    { method: 'POST', specPath: `${conv}/{ConversationSid}/Participants/{Sid}`, path: () => `${c()}/Participants/${ids.participant}`, params: { LastReadMessageIndex: '0', Attributes: '{"r":1}' }, status: 200 },
    { method: 'GET', specPath: `${conv}/{ConversationSid}/Messages`, path: () => `${c()}/Messages`, params: { Order: 'desc', PageSize: '1' }, status: 200 },
    { method: 'GET', specPath: `${conv}/{ConversationSid}/Messages/{Sid}`, path: () => `${c()}/Messages/${ids.message}`, status: 200 },
    { method: 'POST', specPath: `${conv}/{ConversationSid}/Messages/{Sid}`, path: () => `${c()}/Messages/${ids.message}`, params: { Body: 'edited', Attributes: '{}', Author: 'agent@example.com' }, status: 200 },
    { method: 'DELETE', specPath: `${conv}/{ConversationSid}/Messages/{Sid}`, path: () => `${c()}/Messages/${ids.message}`, status: 204 },
    { method: 'DELETE', specPath: `${conv}/{ConversationSid}/Participants/{Sid}`, path: () => `${c()}/Participants/${ids.participant}`, status: 204 },
    { method: 'DELETE', specPath: `${conv}/{Sid}`, path: c, status: 204 },
    { method: 'DELETE', specPath: `${specPrefix}/Users/{Sid}`, path: () => `${prefix}/Users/${ids.user}`, status: 204 },
  ];
}

/** Calls that must fail, with the status we expect: their bodies must be Twilio error JSON. */
function failingOperations(specPrefix: string, prefix: string): Operation[] {
  const missing = `CH${'0'.repeat(32)}`;
  return [
    { method: 'GET', specPath: `${specPrefix}/Conversations/{Sid}`, path: () => `${prefix}/Conversations/${missing}`, status: 404 },
    { method: 'POST', specPath: `${specPrefix}/Conversations`, path: () => `${prefix}/Conversations`, params: { Attributes: '{' }, status: 400 },
    { method: 'POST', specPath: `${specPrefix}/Conversations`, path: () => `${prefix}/Conversations`, params: { DateCreated: 'yesterday' }, status: 400 },
    { method: 'GET', specPath: `${specPrefix}/Conversations`, path: () => `${prefix}/Conversations`, params: { StartDate: 'last week' }, status: 400 },
    { method: 'GET', specPath: `${specPrefix}/Conversations/{ConversationSid}/Messages`, path: () => `${prefix}/Conversations/${missing}/Messages`, status: 404 },
    { method: 'POST', specPath: `${specPrefix}/Users`, path: () => `${prefix}/Users`, params: {}, status: 400 },
  ];
}

/** The Sync operations, on the `default` alias, in an order where each finds what it needs. */
function syncOperations(): Operation[] {
  const ids = { map: '', list: '' };
  const svc = '/v1/Services/{ServiceSid}';
  const maps = `${svc}/Maps`;
  const lists = `${svc}/Lists`;
  const data = JSON.stringify({ at: '2026-11-25T12:00:00Z' });
  return [
    { method: 'GET', specPath: '/v1/Services/{Sid}', path: () => '/v1/Services/default', status: 200 },
    { method: 'POST', specPath: maps, path: () => '/v1/Services/default/Maps', params: { UniqueName: 'webchat-challenges', Ttl: '60', CollectionTtl: '3600' }, status: 201, capture: (b) => (ids.map = sidOf(b)) },
    { method: 'GET', specPath: `${maps}/{Sid}`, path: () => '/v1/Services/default/Maps/webchat-challenges', status: 200 },
    { method: 'POST', specPath: `${maps}/{MapSid}/Items`, path: () => `/v1/Services/default/Maps/${ids.map}/Items`, params: { Key: 'c1', Data: data, Ttl: '60', ItemTtl: '300', CollectionTtl: '3600' }, status: 201 },
    { method: 'GET', specPath: `${maps}/{MapSid}/Items/{Key}`, path: () => '/v1/Services/default/Maps/webchat-challenges/Items/c1', status: 200 },
    { method: 'POST', specPath: `${maps}/{MapSid}/Items/{Key}`, path: () => '/v1/Services/default/Maps/webchat-challenges/Items/c1', params: { Data: data, ItemTtl: '120' }, status: 200 },
    { method: 'GET', specPath: `${maps}/{MapSid}/Items`, path: () => `/v1/Services/default/Maps/${ids.map}/Items`, params: { PageSize: '1', Page: '0' }, status: 200 },
    { method: 'DELETE', specPath: `${maps}/{MapSid}/Items/{Key}`, path: () => '/v1/Services/default/Maps/webchat-challenges/Items/c1', status: 204 },
    { method: 'POST', specPath: lists, path: () => '/v1/Services/default/Lists', params: { UniqueName: 'webchat-starts-1', Ttl: '120', CollectionTtl: '120' }, status: 201, capture: (b) => (ids.list = sidOf(b)) },
    { method: 'GET', specPath: `${lists}/{Sid}`, path: () => `/v1/Services/default/Lists/${ids.list}`, status: 200 },
    { method: 'POST', specPath: `${lists}/{ListSid}/Items`, path: () => '/v1/Services/default/Lists/webchat-starts-1/Items', params: { Data: data, Ttl: '60', ItemTtl: '120', CollectionTtl: '120' }, status: 201 },
    { method: 'POST', specPath: `${lists}/{ListSid}/Items`, path: () => '/v1/Services/default/Lists/webchat-starts-1/Items', params: { Data: data }, status: 201 },
    { method: 'GET', specPath: `${lists}/{ListSid}/Items`, path: () => `/v1/Services/default/Lists/${ids.list}/Items`, params: { Order: 'desc', From: '1', Bounds: 'inclusive', PageSize: '1', Page: '0' }, status: 200 },
    { method: 'GET', specPath: `${lists}/{ListSid}/Items/{Index}`, path: () => '/v1/Services/default/Lists/webchat-starts-1/Items/1', status: 200 },
    // Failures, answered with Twilio error JSON:
    { method: 'GET', specPath: '/v1/Services/{Sid}', path: () => `/v1/Services/IS${'0'.repeat(32)}`, status: 404 },
    { method: 'POST', specPath: maps, path: () => '/v1/Services/default/Maps', params: { UniqueName: 'webchat-challenges' }, status: 409 },
    { method: 'POST', specPath: `${maps}/{MapSid}/Items`, path: () => '/v1/Services/default/Maps/missing/Items', params: { Key: 'c1', Data: data }, status: 404 },
    { method: 'POST', specPath: `${lists}/{ListSid}/Items`, path: () => `/v1/Services/default/Lists/${ids.list}/Items`, params: { Data: JSON.stringify({ a: 'x'.repeat(16_384) }) }, status: 413 },
    { method: 'GET', specPath: `${lists}/{ListSid}/Items/{Index}`, path: () => '/v1/Services/default/Lists/webchat-starts-1/Items/9', status: 404 },
  ];
}

describe('emulator contract with Twilio OpenAPI descriptions', () => {
  let emulator: RunningEmulator;
  const conversationsSpec = loadSpec('twilio_conversations_v1');
  const flexSpec = loadSpec('twilio_flex_v2');
  const syncSpec = loadSpec('twilio_sync_v1');
  const validateConversations = responseValidators(conversationsSpec, 'conversations');
  const validateFlex = responseValidators(flexSpec, 'flex');
  const validateSync = responseValidators(syncSpec, 'sync');
  const validateError = new Ajv({ strict: false }).compile(TWILIO_ERROR_SCHEMA);

  beforeAll(async () => {
    emulator = await startEmulator(O);
  });
  afterAll(() => emulator.close());

  function checkParameters(spec: OpenApiSpec, op: Operation): void {
    const known = requestParameterNames(spec, op.specPath, op.method);
    for (const name of [...Object.keys(op.params ?? {}), ...Object.keys(op.headers ?? {})]) {
      expect(known.has(name)).toBeTruthy();
    }
  }

  async function runAndValidate(spec: OpenApiSpec, validators: ReturnType<typeof responseValidators>, op: Operation): Promise<void> {
    checkParameters(spec, op);
    const { status, body } = await call(emulator.url, op, productHost(spec));
    expect(status).toBe(op.status);
    const validate = validators(op.specPath, op.method, status);
    if (status >= 400 && validate === undefined) {
      // The descriptions define no error responses: hold errors to Twilio's documented error JSON.
      expect(validateError(body)).toBeTruthy();
      return;
    }
    if (validate === undefined) {
      expect(body).toBe(undefined);
      return;
    }
    expect(validate(body)).toBeTruthy();
    if (op.capture) op.capture(body as Record<string, unknown>);
  }

  it('creates Flex web chats with only parameters the Flex v2 description lists, answering its schema', async () => {
    const op: Operation = {
      method: 'POST',
      specPath: '/v2/WebChats',
      path: () => '/v2/WebChats',
      params: { AddressSid: O.addressSid, ChatFriendlyName: 'Chat', CustomerFriendlyName: 'Ada', PreEngagementData: '{"question":"hi"}' },
      status: 201,
    };
    await runAndValidate(flexSpec, validateFlex, op);
    await runAndValidate(flexSpec, validateFlex, { ...op, params: { AddressSid: 'IG' + 'f'.repeat(32) }, status: 404 });
  });

  it('answers every Conversations operation at /v1 in the shape the description gives', async () => {
    for (const op of conversationOperations('/v1', '/v1')) await runAndValidate(conversationsSpec, validateConversations, op);
  });

  it('answers every Conversations operation under /v1/Services/{ChatServiceSid} in the shape the description gives', async () => {
    const prefix = `/v1/Services/${O.conversationsServiceSid}`;
    for (const op of conversationOperations('/v1/Services/{ChatServiceSid}', prefix)) {
      await runAndValidate(conversationsSpec, validateConversations, op);
    }
  });

  it("answers the service's configuration, naming its default roles, in the shape the description gives", async () => {
    const specPath = '/v1/Services/{ChatServiceSid}/Configuration';
    await runAndValidate(conversationsSpec, validateConversations, { method: 'GET', specPath, path: () => `/v1/Services/${O.conversationsServiceSid}/Configuration`, status: 200 });
  });

  it('answers failures with Twilio error JSON on both URL forms', async () => {
    const prefix = `/v1/Services/${O.conversationsServiceSid}`;
    for (const op of [...failingOperations('/v1', '/v1'), ...failingOperations('/v1/Services/{ChatServiceSid}', prefix)]) {
      await runAndValidate(conversationsSpec, validateConversations, op);
    }
  });

  it('answers the Sync maps and lists operations, and their failures, as the Sync v1 description gives them', async () => {
    for (const op of syncOperations()) await runAndValidate(syncSpec, validateSync, op);
  });

  it('answers /v1/Services/{IS…} as the product whose host was asked, though both products name services IS…', async () => {
    const service = (sid: string, status: number): Operation => ({ method: 'GET', specPath: '/v1/Services/{Sid}', path: () => `/v1/Services/${sid}`, status });
    const syncSid = String(((await call(emulator.url, service('default', 200), 'sync.twilio.com')).body as Record<string, unknown>).sid);
    expect(syncSid).toMatch(/^IS/);
    await runAndValidate(conversationsSpec, validateConversations, service(O.conversationsServiceSid, 200));
    await runAndValidate(syncSpec, validateSync, service(syncSid, 200));
    await runAndValidate(conversationsSpec, validateConversations, service(syncSid, 404));
    await runAndValidate(syncSpec, validateSync, service(O.conversationsServiceSid, 404));

    const client = twilioAt(emulator.url, O.accountSid, O.authToken);
    expect((await client.conversations.v1.services(O.conversationsServiceSid).fetch()).sid).toBe(O.conversationsServiceSid);
    expect((await client.sync.v1.services(syncSid).fetch()).uniqueName).toBe('default');
  });

  it('finds no error responses in the descriptions, so errors are checked against the documented error JSON', () => {
    for (const spec of [conversationsSpec, flexSpec, syncSpec]) {
      for (const methods of Object.values(spec.paths)) {
        for (const op of Object.values(methods)) {
          if (Array.isArray(op) || typeof op !== 'object' || !('responses' in op)) continue;
          expect(Object.keys(op.responses).every((status) => status.startsWith('2'))).toBeTruthy();
        }
      }
    }
  });
});
