/**
 * What Studio's "Send to Flex" and Flex's Interactions API do for a web chat: the visitor's first
 * message that fires webhooks in a conversation started on a Studio-wired Chat address opens a Flex
 * interaction (KD) with one chat channel (UO) and a TaskRouter task (WT) whose attributes carry
 * `conversationSid`, `flexInteractionSid` and `flexInteractionChannelSid`, as Flex's own tasks do
 * (https://www.twilio.com/docs/flex/developer/conversations/interactions-api). Closing the channel
 * with Routing omitted wraps the task up and closes the conversation
 * (https://www.twilio.com/docs/flex/developer/conversations/interactions-api/channels-subresource).
 * Pure state, no HTTP.
 */
import type { ConversationsStore } from './conversations-store';
import type { ConversationRecord } from './conversation-records';
import type { FlexAccount } from './flex-account';
import { newSid } from './sids';

/** flex.v1.interaction.interaction_channel `status` (twilio_flex_v1.json). */
export type InteractionChannelStatus = 'setup' | 'active' | 'failed' | 'closed' | 'inactive';
/** taskrouter.v1.workspace.task `assignment_status` (twilio_taskrouter_v1.json). */
export type TaskAssignmentStatus = 'pending' | 'reserved' | 'assigned' | 'wrapping' | 'completed' | 'canceled';

export interface InteractionChannelRecord {
  sid: string;
  interactionSid: string;
  conversationSid: string;
  status: InteractionChannelStatus;
}

export interface TaskRecord {
  sid: string;
  /** The task's attributes as the JSON string TaskRouter keeps. */
  attributes: string;
  assignmentStatus: TaskAssignmentStatus;
  reason: string | null;
  taskChannelSid: string;
  priority: number;
  /** Seconds the task may wait for an agent. */
  timeout: number;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

/** Flex's chat tasks stay a day unless the workflow says otherwise. */
const FLEX_TASK_TIMEOUT_SECONDS = 86_400;

/** What TaskRouter's CreateTask takes, checked by the REST layer. */
export interface NewTask {
  attributes: string;
  taskChannelSid: string;
  priority: number;
  timeout: number;
}

export class FlexInteractions {
  /** Conversations Flex's WebChats started, by sid, with the address they were started on. */
  private readonly webChats = new Map<string, string>();
  /** The interaction channel of each routed conversation, by conversation sid. */
  private readonly channels = new Map<string, InteractionChannelRecord>();
  private readonly tasks = new Map<string, TaskRecord>();
  private seq = 0;

  constructor(
    private readonly store: ConversationsStore,
    private readonly account: FlexAccount,
    private readonly now: () => Date = () => new Date(),
  ) {
    store.subscribe((event) => {
      if (event.type !== 'messageAdded' || !event.message.webhookEnabled) return;
      const conversation = store.findConversation(event.message.conversationSid);
      if (conversation !== undefined) this.sendToFlex(conversation, event.message.author);
    });
  }

  reset(): void {
    this.webChats.clear();
    this.channels.clear();
    this.tasks.clear();
  }

  /** Flex's WebChats wires the conversation to the address's Studio flow. */
  registerWebChat(conversationSid: string, addressSid: string): void {
    this.webChats.set(conversationSid, addressSid);
  }

  /** Studio runs once per conversation: later messages reach the same execution, no new task. */
  private sendToFlex(conversation: ConversationRecord, customer: string): void {
    const addressSid = this.webChats.get(conversation.sid);
    const flowSid = addressSid === undefined ? null : this.account.findAddress(addressSid)?.autoCreation.studioFlowSid ?? null;
    if (flowSid === null || this.account.findFlow(flowSid) === undefined || this.channels.has(conversation.sid)) return;
    const channel: InteractionChannelRecord = { sid: newSid('UO'), interactionSid: newSid('KD'), conversationSid: conversation.sid, status: 'active' };
    this.channels.set(conversation.sid, channel);
    const chat = this.account.taskChannels.find((taskChannel) => taskChannel.uniqueName === 'chat');
    const now = this.now();
    const task: TaskRecord = {
      sid: newSid('WT'),
      attributes: JSON.stringify({
        channelType: 'web',
        direction: 'inbound',
        from: customer,
        customerName: conversation.friendlyName,
        conversationSid: conversation.sid,
        flexInteractionSid: channel.interactionSid,
        flexInteractionChannelSid: channel.sid,
        flexInteractionType: 'messaging',
      }),
      assignmentStatus: 'pending',
      reason: null,
      taskChannelSid: chat?.sid ?? '',
      priority: 0,
      timeout: FLEX_TASK_TIMEOUT_SECONDS,
      dateCreated: now,
      dateUpdated: now,
      seq: ++this.seq,
    };
    this.tasks.set(task.sid, task);
  }

  /** A task made through TaskRouter's REST API rather than by Studio (an offline message, a callback). */
  createTask(task: NewTask): TaskRecord {
    const now = this.now();
    const record: TaskRecord = { sid: newSid('WT'), ...task, assignmentStatus: 'pending', reason: null, dateCreated: now, dateUpdated: now, seq: ++this.seq };
    this.tasks.set(record.sid, record);
    return record;
  }

  /** TaskRouter's UpdateTask with `Attributes`: the whole attributes replaced. */
  setTaskAttributes(task: TaskRecord, attributes: string): void {
    task.attributes = attributes;
    task.dateUpdated = this.now();
  }

  findChannel(interactionSid: string, channelSid: string): InteractionChannelRecord | undefined {
    return [...this.channels.values()].find((channel) => channel.sid === channelSid && channel.interactionSid === interactionSid);
  }

  channelOf(conversationSid: string): InteractionChannelRecord | undefined {
    return this.channels.get(conversationSid);
  }

  findTask(sid: string): TaskRecord | undefined {
    return this.tasks.get(sid);
  }

  /** Oldest first. */
  listTasks(): TaskRecord[] {
    return [...this.tasks.values()];
  }

  /** An agent accepted the conversation's task (the desk's join plays Flex's accept). */
  acceptTask(conversationSid: string): void {
    const task = this.taskOf(conversationSid);
    if (task !== undefined && (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved')) this.moveTask(task, 'assigned', null);
  }

  /**
   * Closes (or parks, `inactive`) the channel. Closing wraps an assigned task up and cancels one
   * no agent took yet (TaskRouter moves only assigned tasks to wrapping), then closes the conversation.
   */
  updateChannel(channel: InteractionChannelRecord, status: 'closed' | 'inactive'): InteractionChannelRecord {
    channel.status = status;
    const task = this.taskOf(channel.conversationSid);
    if (status === 'closed' && task !== undefined) {
      if (task.assignmentStatus === 'assigned') this.moveTask(task, 'wrapping', null);
      else if (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved') this.moveTask(task, 'canceled', 'Interaction channel closed');
    }
    const conversation = this.store.findConversation(channel.conversationSid);
    if (status === 'closed' && conversation !== undefined && conversation.state !== 'closed') {
      this.store.updateConversation(conversation, { state: 'closed' });
    }
    return channel;
  }

  private taskOf(conversationSid: string): TaskRecord | undefined {
    const channel = this.channels.get(conversationSid);
    return channel === undefined ? undefined : this.listTasks().find((task) => task.attributes.includes(`"flexInteractionChannelSid":"${channel.sid}"`));
  }

  private moveTask(task: TaskRecord, status: TaskAssignmentStatus, reason: string | null): void {
    task.assignmentStatus = status;
    task.reason = reason;
    task.dateUpdated = this.now();
  }
}
