/**
 * TaskRouter `GET /v1/Workspaces/{WS}/Tasks` and `GET .../Tasks/{WT}` (twilio_taskrouter_v1.json,
 * ListTask and FetchTask) over the tasks Studio's "Send to Flex" created (store/flex-interactions.ts).
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
/** Flex tasks stay a day unless the workflow says otherwise. */
const TASK_TIMEOUT_SECONDS = 86_400;

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
    priority: 0,
    reason: task.reason,
    sid: task.sid,
    task_queue_sid: null,
    task_queue_friendly_name: null,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name: 'chat',
    timeout: TASK_TIMEOUT_SECONDS,
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
