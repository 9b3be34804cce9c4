/**
 * Contract tests for what Studio's "Send to Flex" leaves behind in the emulator: the TaskRouter
 * task of a web chat (ListTask, FetchTask) and its Flex interaction channel (FetchInteractionChannel,
 * UpdateInteractionChannel). Parameters must exist in Twilio's OpenAPI descriptions, answers must
 * validate against the described schemas, failures must be Twilio error JSON with Flex's codes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { TEST_EMULATOR_OPTIONS as O } from '../support/twilio-at-emulator';
import { TWILIO_ERROR_SCHEMA, loadSpec, requestParameterNames, responseValidators, type SpecName } from '../support/twilio-openapi';

const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;
const TASKS = '/v1/Workspaces/{WorkspaceSid}/Tasks';
const CHANNEL = '/v1/Interactions/{InteractionSid}/Channels/{Sid}';

describe('emulator contract for Flex interaction channels and TaskRouter tasks', () => {
  let emulator: RunningEmulator;
  const validateError = new Ajv({ strict: false }).compile(TWILIO_ERROR_SCHEMA);
  const validators = (name: SpecName) => responseValidators(loadSpec(name), name);
  const flex = validators('twilio_flex_v1');
  const taskrouter = validators('twilio_taskrouter_v1');

  beforeAll(async () => {
    emulator = await startEmulator(O);
  });
  afterAll(() => emulator.close());

  async function call(method: 'GET' | 'POST', path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const query = new URLSearchParams(params);
    const url = `${emulator.url}${path}${method === 'GET' && query.size > 0 ? `?${query}` : ''}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: auth, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      body: method === 'POST' ? query.toString() : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function expectValid(validate: ReturnType<ReturnType<typeof validators>>, body: unknown): void {
    if (validate === undefined) throw new Error('the spec describes no answer');
    const valid = validate(body);
    expect(valid ? [] : validate.errors).toStrictEqual([]);
  }

  function expectTwilioError(answer: { status: number; body: unknown }, status: number, code: number): void {
    expect([answer.status, (answer.body as { code?: number }).code]).toStrictEqual([status, code]);
    expect(validateError(answer.body)).toBe(true);
  }

  /** A web chat whose visitor asked a question with webhooks on: Studio sends it to Flex. */
  async function routedChat(): Promise<string> {
    const chat = await call('POST', '/v2/WebChats', { AddressSid: O.addressSid, CustomerFriendlyName: 'Ada' });
    const conversationSid = String(chat.body.conversation_sid);
    const asked = await call('POST', `/v1/Conversations/${conversationSid}/Messages`, { Author: String(chat.body.identity), Body: 'Hi' }, { 'x-twilio-webhook-enabled': 'true' });
    expect(asked.status).toBe(201);
    return conversationSid;
  }

  it('lists and fetches the task Studio created, by its conversationSid attribute and status, in the described shapes', async () => {
    const conversationSid = await routedChat();
    const workspace = String((await call('GET', '/v1/Configuration')).body.taskrouter_workspace_sid);
    const params = { EvaluateTaskAttributes: `conversationSid == "${conversationSid}"`, AssignmentStatus: 'pending,reserved,assigned,wrapping', PageSize: '20' };
    const known = requestParameterNames(loadSpec('twilio_taskrouter_v1'), TASKS, 'GET');
    expect(Object.keys(params).filter((name) => !known.has(name))).toStrictEqual([]);
    const list = await call('GET', `/v1/Workspaces/${workspace}/Tasks`, params);
    expect(list.status).toBe(200);
    expectValid(taskrouter(TASKS, 'GET', 200), list.body);
    const [task] = list.body.tasks as Array<{ sid: string; assignment_status: string; attributes: string }>;
    expect(task?.assignment_status).toBe('pending');
    expect(JSON.parse(task?.attributes ?? '{}')).toMatchObject({ conversationSid, flexInteractionSid: expect.stringMatching(/^KD/), flexInteractionChannelSid: expect.stringMatching(/^UO/) });

    const fetched = await call('GET', `/v1/Workspaces/${workspace}/Tasks/${task?.sid}`);
    expectValid(taskrouter(`${TASKS}/{Sid}`, 'GET', 200), fetched.body);
    const other = await call('GET', `/v1/Workspaces/${workspace}/Tasks`, { EvaluateTaskAttributes: `conversationSid == "CH${'0'.repeat(32)}"` });
    expect(other.body.tasks).toStrictEqual([]);
    expectTwilioError(await call('GET', `/v1/Workspaces/${workspace}/Tasks`, { AssignmentStatus: 'sleeping' }), 400, 20001);
  });

  it('closes an interaction channel: the channel answers closed, the unaccepted task is canceled, the conversation closed', async () => {
    const conversationSid = await routedChat();
    const workspace = String((await call('GET', '/v1/Configuration')).body.taskrouter_workspace_sid);
    const list = await call('GET', `/v1/Workspaces/${workspace}/Tasks`, { EvaluateTaskAttributes: `conversationSid == "${conversationSid}"` });
    const [task] = list.body.tasks as Array<{ sid: string; attributes: string }>;
    const { flexInteractionSid, flexInteractionChannelSid } = JSON.parse(task?.attributes ?? '{}') as Record<string, string>;
    const path = `/v1/Interactions/${flexInteractionSid}/Channels/${flexInteractionChannelSid}`;

    const fetched = await call('GET', path);
    expectValid(flex(CHANNEL, 'GET', 200), fetched.body);
    expect(fetched.body.status).toBe('active');
    expectTwilioError(await call('POST', path), 400, 45358);
    expectTwilioError(await call('POST', path, { Status: 'open' }), 400, 45359);
    expectTwilioError(await call('POST', `/v1/Interactions/${flexInteractionSid}/Channels/UO${'0'.repeat(32)}`, { Status: 'closed' }), 404, 20404);

    const known = requestParameterNames(loadSpec('twilio_flex_v1'), CHANNEL, 'POST');
    expect(known.has('Status')).toBe(true);
    const closed = await call('POST', path, { Status: 'closed' });
    expect(closed.status).toBe(200);
    expectValid(flex(CHANNEL, 'POST', 200), closed.body);
    expect(closed.body).toMatchObject({ sid: flexInteractionChannelSid, interaction_sid: flexInteractionSid, status: 'closed' });
    expect((await call('GET', `/v1/Workspaces/${workspace}/Tasks/${task?.sid}`)).body.assignment_status).toBe('canceled');
    expect((await call('GET', `/v1/Conversations/${conversationSid}`)).body.state).toBe('closed');
  });

  it('creates a task an application makes itself, with its channel, timeout and attributes, in the described shape', async () => {
    const workspace = String((await call('GET', '/v1/Configuration')).body.taskrouter_workspace_sid);
    const params = { Attributes: '{"type":"offline_message","name":"Ada"}', TaskChannel: 'default', Timeout: '1209600', Priority: '5' };
    const known = requestParameterNames(loadSpec('twilio_taskrouter_v1'), TASKS, 'POST');
    expect(Object.keys(params).filter((name) => !known.has(name))).toStrictEqual([]);
    const created = await call('POST', `/v1/Workspaces/${workspace}/Tasks`, params);
    expect(created.status).toBe(201);
    expectValid(taskrouter(TASKS, 'POST', 201), created.body);
    expect(created.body).toMatchObject({ assignment_status: 'pending', task_channel_unique_name: 'default', timeout: 1209600, priority: 5, attributes: params.Attributes });
    // WorkflowSid may be left out while the workspace has one workflow; another one does not exist.
    expectTwilioError(await call('POST', `/v1/Workspaces/${workspace}/Tasks`, { WorkflowSid: `WW${'0'.repeat(32)}` }), 404, 20404);
    expectTwilioError(await call('POST', `/v1/Workspaces/${workspace}/Tasks`, { Attributes: '[1]' }), 400, 20001);
    expectTwilioError(await call('POST', `/v1/Workspaces/${workspace}/Tasks`, { TaskChannel: 'fax' }), 400, 20001);
    expectTwilioError(await call('POST', `/v1/Workspaces/${workspace}/Tasks`, { Timeout: '1209601' }), 400, 20001);
  });

  it('sends a chat to Flex once: later messages and messages without webhooks make no task', async () => {
    const chat = await call('POST', '/v2/WebChats', { AddressSid: O.addressSid });
    const conversationSid = String(chat.body.conversation_sid);
    const workspace = String((await call('GET', '/v1/Configuration')).body.taskrouter_workspace_sid);
    const tasks = async () => ((await call('GET', `/v1/Workspaces/${workspace}/Tasks`, { EvaluateTaskAttributes: `conversationSid == "${conversationSid}"` })).body.tasks as unknown[]).length;
    await call('POST', `/v1/Conversations/${conversationSid}/Messages`, { Author: 'Concierge', Body: 'Welcome' });
    expect(await tasks()).toBe(0);
    for (const body of ['Hi', 'Anyone?']) await call('POST', `/v1/Conversations/${conversationSid}/Messages`, { Author: String(chat.body.identity), Body: body }, { 'x-twilio-webhook-enabled': 'true' });
    expect(await tasks()).toBe(1);
  });
});
