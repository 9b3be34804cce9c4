/**
 * A message a visitor leaves while the chat is closed, delivered where agents work: a TaskRouter
 * task in Flex's own workspace, which Flex offers to agents like any other task, rather than a web
 * chat started outside the hours that a Studio flow would have to recognize and park. A task holds
 * the message whole in its attributes, waits up to two weeks for an agent (TaskRouter's longest
 * `Timeout`, past any holiday), and is routed by the workflow the contact center chooses
 * (`OFFLINE_WORKFLOW_SID`, for a callback queue; else the workspace's only workflow, as Flex's
 * "Assign to Anyone"). TaskRouter's CreateTask: twilio_taskrouter_v1.json, `POST /v1/Workspaces/{WorkspaceSid}/Tasks`.
 *
 * Agents see the task on the `default` channel with `name` as its title; `type` lets a workflow
 * filter route it (`type == "offline_message"`); `customers.name` and `customers.email` are the
 * attributes Flex Insights reads for the customer
 * (https://www.twilio.com/docs/flex/developer/insights/enhance-integration).
 */
import type { Twilio } from 'twilio';
import type { OfflineMessageAnswer } from '../../contract/contact-center-api';
import { sid, text, type Environment, type FunctionsConfig } from './config';
import { flexWorkspaceSid } from './flex-workspace';
import type { Logger } from './logger';
import type { PreEngagement } from './pre-engagement';
import type { StartKey } from './start-key';
import { callTwilio } from './twilio-call';

/** TaskRouter's most: two weeks. */
const TASK_TIMEOUT_SECONDS = 1_209_600;
/** The attribute that carries the message's key hash, so a retry finds the task an earlier attempt created. */
const OFFLINE_KEY_ATTRIBUTE = 'webchat_offline';

interface OfflineMessage {
  form: PreEngagement & { friendlyName: string; email: string; query: string };
  locale: string | null;
  origin: string;
  key: StartKey | null;
}

function taskAttributes(message: OfflineMessage, now: Date): string {
  const { friendlyName, email, query } = message.form;
  return JSON.stringify({
    type: 'offline_message',
    name: friendlyName,
    email,
    message: query,
    locale: message.locale,
    origin: message.origin,
    received_at: now.toISOString(),
    channelType: 'web',
    direction: 'inbound',
    customers: { name: friendlyName, email },
    ...(message.key === null ? {} : { [OFFLINE_KEY_ATTRIBUTE]: message.key.hash }),
  });
}

/** Creates the task (once per message key) and answers only when TaskRouter has it. */
export async function leaveOfflineMessage(client: Twilio, config: FunctionsConfig, env: Environment, message: OfflineMessage, log: Logger): Promise<OfflineMessageAnswer> {
  const workflowSid = text(env, 'OFFLINE_WORKFLOW_SID') === undefined ? undefined : sid(env, 'OFFLINE_WORKFLOW_SID', 'WW', 'a TaskRouter Workflow SID');
  const tasks = client.taskrouter.v1.workspaces(await flexWorkspaceSid(client, config)).tasks;
  if (message.key?.retry === true) {
    const hash = message.key.hash;
    const earlier = await callTwilio('find earlier offline message', () => tasks.list({ evaluateTaskAttributes: `${OFFLINE_KEY_ATTRIBUTE} == "${hash}"`, limit: 1 }));
    if (earlier.length > 0) {
      log.info('offline message already delivered by an earlier attempt', {});
      return { received: true };
    }
  }
  const task = await callTwilio('create offline message task', () =>
    tasks.create({ attributes: taskAttributes(message, new Date()), taskChannel: 'default', timeout: TASK_TIMEOUT_SECONDS, ...(workflowSid === undefined ? {} : { workflowSid }) }),
  );
  log.info('offline message delivered', { taskSid: task.sid });
  return { received: true };
}
