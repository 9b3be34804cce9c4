/**
 * TaskRouter `GET /v1/Workspaces/{WS}/Tasks` and `GET .../Tasks/{WT}` (twilio_taskrouter_v1.json,
 * ListTask and FetchTask) over the tasks Studio's "Send to Flex" created (store/flex-interactions.ts),
 * and `POST /v1/Workspaces/{WS}/Tasks` (CreateTask) for tasks an application makes itself: its
 * `TaskChannel` (unique name or sid, `default` when left out), `WorkflowSid` (optional while the
 * workspace has one workflow, as Flex's does), `Attributes` (a JSON object), `Timeout` (1 to
 * 1,209,600 seconds, a day by default) and `Priority` (0 to 2^31-1); and `POST .../Tasks/{WT}` (UpdateTask)
 * with new `Attributes`, which replace the old ones whole, as Twilio's do.
 * `AssignmentStatus` filters by status (repeated or comma-separated, as Twilio accepts);
 * `EvaluateTaskAttributes` takes TaskRouter's expression language
 * (https://www.twilio.com/docs/taskrouter/expression-syntax), of which the emulator knows only the
 * equality of one attribute to a string, `name == "value"`: how a conversation's task is found.
 */
import type { TaskAssignmentStatus, TaskRecord } from '../../store/flex-interactions';
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import { invalidParameter, notFound } from '../../twilio-errors';
import type { FlexAccountContext } from './addresses';
import { isoDate } from './common';
import type { InteractionsContext } from './interaction-channels';

const STATUSES: readonly TaskAssignmentStatus[] = ['pending', 'reserved', 'assigned', 'wrapping', 'completed', 'canceled'];
/** CreateTask's defaults and bounds (twilio_taskrouter_v1.json). */
const DEFAULT_TIMEOUT_SECONDS = 86_400;
const MAX_TIMEOUT_SECONDS = 1_209_600;
const MAX_PRIORITY = 2_147_483_647;

function wholeNumber(request: ApiRequest, name: string, fallback: number, max: number): number {
  const value = request.params[name];
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw invalidParameter(`${name} must be a whole number from 0 to ${max}`);
  return Number(value);
}

function attributesOf(request: ApiRequest, value = request.params.Attributes ?? '{}'): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidParameter('Attributes must be a valid JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter('Attributes must be a valid JSON object');
  return value;
}

function statusFilter(request: ApiRequest): Set<TaskAssignmentStatus> | undefined {
  const values = request.multiParams.getAll('AssignmentStatus').flatMap((value) => value.split(',')).filter((value) => value !== '');
  if (values.length === 0) return undefined;
  return new Set(values.map((value) => {
    const status = STATUSES.find((known) => known === value);
    if (status === undefined) throw invalidParameter(`Invalid AssignmentStatus ${value.slice(0, 40)}: must be one of ${STATUSES.join(', ')}`);
    return status;
  }));
}

function attributeFilter(request: ApiRequest): ((task: TaskRecord) => boolean) | undefined {
  const expression = request.params.EvaluateTaskAttributes;
  if (expression === undefined) return undefined;
  const match = /^\s*([A-Za-z_][\w.]*)\s*==\s*(?:"([^"]*)"|'([^']*)')\s*$/.exec(expression);
  if (match === null) throw invalidParameter('EvaluateTaskAttributes: the emulator understands only name == "value"');
  const [, path = '', double, single] = match;
  const expected = double ?? single;
  return (task) => {
    let value: unknown = JSON.parse(task.attributes) as unknown;
    for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return value === expected;
  };
}

export function taskRoutes(context: InteractionsContext & FlexAccountContext): Route[] {
  const { account, interactions } = context;
  const workspace = `https://taskrouter.twilio.com/v1/Workspaces/${account.workspaceSid}`;
  const requireWorkspace = (request: ApiRequest) => {
    if (request.pathParams.workspaceSid !== account.workspaceSid) throw notFound(request.path);
  };
  const taskJson = (task: TaskRecord, now: Date) => ({
    account_sid: context.accountSid,
    age: Math.floor((now.getTime() - task.dateCreated.getTime()) / 1000),
    assignment_status: task.assignmentStatus,
    attributes: task.attributes,
    addons: '{}',
    date_created: isoDate(task.dateCreated),
    date_updated: isoDate(task.dateUpdated),
    task_queue_entered_date: null,
    priority: task.priority,
    reason: task.reason,
    sid: task.sid,
    task_queue_sid: null,
    task_queue_friendly_name: null,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name: account.taskChannels.find((channel) => channel.sid === task.taskChannelSid)?.uniqueName ?? null,
    timeout: task.timeout,
    workflow_sid: account.workflowSid,
    workflow_friendly_name: 'Assign to Anyone',
    workspace_sid: account.workspaceSid,
    url: `${workspace}/Tasks/${task.sid}`,
    links: { task_queue: null, workflow: `${workspace}/Workflows/${account.workflowSid}`, workspace, reservations: `${workspace}/Tasks/${task.sid}/Reservations` },
    virtual_start_time: isoDate(task.dateCreated),
    ignore_capacity: false,
    routing_target: null,
  });
  return [
    {
      method: 'POST',
      template: '/v1/Workspaces/:workspaceSid/Tasks',
      handler: (request) => {
        requireWorkspace(request);
        const workflow = request.params.WorkflowSid;
        if (workflow !== undefined && workflow !== account.workflowSid) throw notFound(`/v1/Workspaces/${account.workspaceSid}/Workflows/${workflow.slice(0, 40)}`);
        const channelName = request.params.TaskChannel ?? 'default';
        const channel = account.taskChannels.find((known) => known.uniqueName === channelName || known.sid === channelName);
        if (channel === undefined) throw invalidParameter(`TaskChannel ${channelName.slice(0, 40)} does not exist in this workspace`);
        const task = interactions.createTask({
          attributes: attributesOf(request),
          taskChannelSid: channel.sid,
          priority: wholeNumber(request, 'Priority', 0, MAX_PRIORITY),
          timeout: Math.max(1, wholeNumber(request, 'Timeout', DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS)),
        });
        return { status: 201, body: taskJson(task, new Date()) };
      },
    },
    {
      method: 'GET',
      template: '/v1/Workspaces/:workspaceSid/Tasks',
      handler: (request) => {
        requireWorkspace(request);
        const statuses = statusFilter(request);
        const attributes = attributeFilter(request);
        const tasks = interactions.listTasks().filter((task) => (statuses === undefined || statuses.has(task.assignmentStatus)) && (attributes === undefined || attributes(task)));
        const page = paginate(tasks, parsePageRequest(request.params, 1000), { key: 'tasks', url: `${workspace}/Tasks`, keyOf: (task) => task.seq });
        const now = new Date();
        return { status: 200, body: { tasks: page.items.map((task) => taskJson(task, now)), meta: page.meta } };
      },
    },
    {
      method: 'POST',
      template: '/v1/Workspaces/:workspaceSid/Tasks/:sid',
      handler: (request) => {
        requireWorkspace(request);
        const task = interactions.findTask(request.pathParams.sid ?? '');
        if (task === undefined) throw notFound(request.path);
        const attributes = request.params.Attributes;
        if (attributes !== undefined) interactions.setTaskAttributes(task, attributesOf(request, attributes));
        return { status: 200, body: taskJson(task, new Date()) };
      },
    },
    {
      method: 'GET',
      template: '/v1/Workspaces/:workspaceSid/Tasks/:sid',
      handler: (request) => {
        requireWorkspace(request);
        const task = interactions.findTask(request.pathParams.sid ?? '');
        if (task === undefined) throw notFound(request.path);
        return { status: 200, body: taskJson(task, new Date()) };
      },
    },
  ];
}
