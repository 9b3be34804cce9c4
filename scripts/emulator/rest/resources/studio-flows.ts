/**
 * Studio `/v2/Flows`: create, list, fetch, update and delete flows. Definitions are checked for what
 * makes Studio refuse them or a web chat never reach Flex (see parseDefinition); the finer checks
 * Studio reports as `errors`/`warnings` are not emulated.
 */
import type { FlowRecord } from '../../store/flex-account';
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import { invalidParameter, notFound } from '../../twilio-errors';
import type { FlexAccountContext } from './addresses';
import { enumParam, isoDate, isoDateOrNull, optionalParam, requiredParam } from './common';

const BASE = 'https://studio.twilio.com/v2/Flows';
const STATUSES = ['draft', 'published'] as const;

function flowJson(context: FlexAccountContext, flow: FlowRecord) {
  const url = `${BASE}/${flow.sid}`;
  return {
    sid: flow.sid,
    account_sid: context.accountSid,
    friendly_name: flow.friendlyName,
    definition: flow.definition,
    status: flow.status,
    revision: flow.revision,
    commit_message: flow.commitMessage,
    valid: true,
    errors: [],
    warnings: [],
    date_created: isoDate(flow.dateCreated),
    date_updated: isoDateOrNull(flow.dateUpdated),
    webhook_url: `https://webhooks.twilio.com/v1/Accounts/${context.accountSid}/Flows/${flow.sid}`,
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

/**
 * A flow definition Studio would accept: JSON with states and an initial state among them, whose
 * "Send to Flex" widgets name a workflow and a task channel of the account's workspace.
 */
export function parseDefinition(context: FlexAccountContext, raw: string): unknown {
  let definition: unknown;
  try {
    definition = JSON.parse(raw) as unknown;
  } catch {
    throw invalidParameter('Invalid Flow Definition: not valid JSON');
  }
  const { states, initial_state: initial } = (definition ?? {}) as { states?: unknown; initial_state?: unknown };
  if (!Array.isArray(states) || states.length === 0) throw invalidParameter('Invalid Flow Definition: states must be a non-empty array');
  const names = states.map((state) => (state as { name?: unknown }).name);
  if (typeof initial !== 'string' || !names.includes(initial)) {
    throw invalidParameter('Invalid Flow Definition: initial_state must name one of the states');
  }
  const channels = context.account.taskChannels.map((channel) => channel.sid);
  for (const state of states as Array<{ name?: unknown; type?: unknown; properties?: { workflow?: unknown; channel?: unknown } }>) {
    if (state.type !== 'send-to-flex') continue;
    if (state.properties?.workflow !== context.account.workflowSid || !channels.includes(String(state.properties.channel))) {
      throw invalidParameter(`Invalid Flow Definition: widget ${String(state.name)} must name a workflow and a task channel of the workspace`);
    }
  }
  return definition;
}

function requireFlow(context: FlexAccountContext, request: ApiRequest): FlowRecord {
  const flow = context.account.findFlow(request.pathParams.sid ?? '');
  if (!flow) throw notFound(request.path);
  return flow;
}

export function studioFlowRoutes(context: FlexAccountContext): Route[] {
  const { account } = context;
  return [
    {
      method: 'POST',
      template: '/v2/Flows',
      handler: (request) => {
        const flow = account.createFlow({
          friendlyName: requiredParam(request, 'FriendlyName'),
          status: enumParam(request, 'Status', STATUSES) ?? invalidStatus(),
          definition: parseDefinition(context, requiredParam(request, 'Definition')),
          commitMessage: optionalParam(request, 'CommitMessage'),
        });
        return { status: 201, body: flowJson(context, flow) };
      },
    },
    {
      method: 'GET',
      template: '/v2/Flows',
      handler: (request) => {
        const page = paginate(account.listFlows(), parsePageRequest(request.params, 1000), { key: 'flows', url: BASE, keyOf: (flow) => flow.seq });
        return { status: 200, body: { flows: page.items.map((flow) => flowJson(context, flow)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: '/v2/Flows/:sid',
      handler: (request) => ({ status: 200, body: flowJson(context, requireFlow(context, request)) }),
    },
    {
      method: 'POST',
      template: '/v2/Flows/:sid',
      handler: (request) => {
        const flow = requireFlow(context, request);
        const definition = optionalParam(request, 'Definition');
        flow.status = enumParam(request, 'Status', STATUSES) ?? invalidStatus();
        flow.friendlyName = optionalParam(request, 'FriendlyName') ?? flow.friendlyName;
        if (definition !== undefined) flow.definition = parseDefinition(context, definition);
        flow.commitMessage = optionalParam(request, 'CommitMessage') ?? flow.commitMessage;
        flow.revision += 1;
        flow.dateUpdated = new Date();
        return { status: 200, body: flowJson(context, flow) };
      },
    },
    {
      method: 'DELETE',
      template: '/v2/Flows/:sid',
      handler: (request) => {
        account.deleteFlow(requireFlow(context, request).sid);
        return { status: 204 };
      },
    },
  ];
}

/** Studio requires `Status` on create and update. */
function invalidStatus(): never {
  throw invalidParameter('Missing required parameter Status in the post body');
}
