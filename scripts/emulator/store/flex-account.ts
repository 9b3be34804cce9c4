/**
 * The account around the Conversations service: Flex's Conversations addresses (IG), Studio flows
 * (FW), API keys (SK) and the TaskRouter workspace Flex routes with (its workflow and task channels
 * are fixed). Pure state, no HTTP. It starts as Twilio documents a fresh Flex account: one Chat
 * address wired to the out-of-the-box Studio flow "Chat Flow", plus the API key the emulator was
 * started with (https://www.twilio.com/docs/flex/admin-guide/setup/conversations/manage-conversations-chat-addresses).
 */
import { randomBytes } from 'node:crypto';
import { newSid } from './sids';
import { TwilioError } from '../twilio-errors';

export interface AddressRecord {
  sid: string;
  /** Twilio's address types; Flex web chat addresses are `chat`. */
  type: string;
  address: string;
  friendlyName: string | null;
  autoCreation: {
    enabled: boolean;
    type: 'webhook' | 'studio' | 'default';
    conversationServiceSid: string | null;
    studioFlowSid: string | null;
    studioRetryCount: number | null;
  };
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface FlowRecord {
  sid: string;
  friendlyName: string;
  status: 'draft' | 'published';
  /** The flow definition, kept as parsed JSON (Studio answers it as an object). */
  definition: unknown;
  revision: number;
  commitMessage: string | null;
  dateCreated: Date;
  dateUpdated: Date | null;
  seq: number;
}

export interface ApiKeyRecord {
  sid: string;
  friendlyName: string;
  secret: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface TaskChannelRecord {
  sid: string;
  uniqueName: string;
  friendlyName: string;
}

/** The task channels every Flex workspace has. */
const TASK_CHANNELS: ReadonlyArray<[string, string]> = [
  ['default', 'Default'], ['voice', 'Voice'], ['chat', 'Programmable Chat'], ['sms', 'SMS'], ['video', 'Video'], ['email', 'Email'],
];

export interface FlexAccountSeed {
  conversationsServiceSid: string;
  addressSid: string;
  apiKey: string;
  apiSecret: string;
}

/** The out-of-the-box flow of a fresh account: the trigger's incoming message goes to Flex. */
function chatFlowDefinition(workflow: string, channel: string): unknown {
  return {
    description: 'Chat Flow',
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingConversationMessage', next: 'SendToFlex' }], properties: {} },
      { name: 'SendToFlex', type: 'send-to-flex', transitions: [], properties: { channel, workflow } },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

export class FlexAccount {
  readonly conversationsServiceSid: string;
  /** When Flex was set up on the account (the configuration's `date_created`). */
  readonly created = new Date();
  readonly workspaceSid = newSid('WS');
  /** The workflow Flex sends tasks to by default ("Assign to Anyone"). */
  readonly workflowSid = newSid('WW');
  readonly taskChannels: readonly TaskChannelRecord[] = TASK_CHANNELS.map(([uniqueName, friendlyName]) => ({ sid: newSid('TC'), uniqueName, friendlyName }));
  private readonly addresses = new Map<string, AddressRecord>();
  private readonly flows = new Map<string, FlowRecord>();
  private readonly keys = new Map<string, ApiKeyRecord>();
  private seq = 0;

  constructor(private readonly seed: FlexAccountSeed) {
    this.conversationsServiceSid = seed.conversationsServiceSid;
    this.reset();
  }

  /** Back to a fresh Flex account. */
  reset(): void {
    const { seed } = this;
    this.addresses.clear();
    this.flows.clear();
    this.keys.clear();
    const chat = this.taskChannels.find((channel) => channel.uniqueName === 'chat')?.sid ?? '';
    const flow = this.createFlow({ friendlyName: 'Chat Flow', status: 'published', definition: chatFlowDefinition(this.workflowSid, chat) });
    const address = this.createAddress({ type: 'chat', address: 'chat', friendlyName: 'Chat address', studioFlowSid: flow.sid });
    // The emulator's callers know the address by the sid they were configured with.
    this.addresses.delete(address.sid);
    this.addresses.set(seed.addressSid, { ...address, sid: seed.addressSid });
    const key = this.createKey('Emulator key');
    this.keys.delete(key.sid);
    this.keys.set(seed.apiKey, { ...key, sid: seed.apiKey, secret: seed.apiSecret });
  }

  /** Without `autoCreation`, a Studio flow turns auto-creation on with Studio, as the Console does. */
  createAddress(input: {
    type: string;
    address: string;
    friendlyName?: string;
    studioFlowSid?: string;
    autoCreation?: { enabled?: boolean; type?: AddressRecord['autoCreation']['type']; conversationServiceSid?: string };
  }): AddressRecord {
    if (input.studioFlowSid !== undefined && !this.flows.has(input.studioFlowSid)) {
      throw new TwilioError(400, 20001, `AutoCreation.StudioFlowSid ${input.studioFlowSid} is not a Studio flow of this account`);
    }
    const now = new Date();
    const record: AddressRecord = {
      sid: newSid('IG'),
      type: input.type,
      address: input.address,
      friendlyName: input.friendlyName ?? null,
      autoCreation: {
        enabled: input.autoCreation?.enabled ?? input.studioFlowSid !== undefined,
        type: input.autoCreation?.type ?? (input.studioFlowSid !== undefined ? 'studio' : 'default'),
        conversationServiceSid: input.autoCreation?.conversationServiceSid ?? this.conversationsServiceSid,
        studioFlowSid: input.studioFlowSid ?? null,
        studioRetryCount: input.studioFlowSid !== undefined ? 3 : null,
      },
      dateCreated: now,
      dateUpdated: now,
      seq: ++this.seq,
    };
    this.addresses.set(record.sid, record);
    return record;
  }

  findAddress(sid: string): AddressRecord | undefined {
    return this.addresses.get(sid);
  }

  listAddresses(type?: string): AddressRecord[] {
    return [...this.addresses.values()].filter((address) => type === undefined || address.type === type);
  }

  deleteAddress(sid: string): boolean {
    return this.addresses.delete(sid);
  }

  createFlow(input: { friendlyName: string; status: FlowRecord['status']; definition: unknown; commitMessage?: string }): FlowRecord {
    const record: FlowRecord = {
      sid: newSid('FW'),
      friendlyName: input.friendlyName,
      status: input.status,
      definition: input.definition,
      revision: 1,
      commitMessage: input.commitMessage ?? null,
      dateCreated: new Date(),
      dateUpdated: null,
      seq: ++this.seq,
    };
    this.flows.set(record.sid, record);
    return record;
  }

  findFlow(sid: string): FlowRecord | undefined {
    return this.flows.get(sid);
  }

  listFlows(): FlowRecord[] {
    return [...this.flows.values()];
  }

  deleteFlow(sid: string): boolean {
    return this.flows.delete(sid);
  }

  /** A new key with its secret, which Twilio shows only in this one answer. */
  createKey(friendlyName: string): ApiKeyRecord {
    const now = new Date();
    const record: ApiKeyRecord = {
      sid: newSid('SK'),
      friendlyName,
      secret: randomBytes(16).toString('hex'),
      dateCreated: now,
      dateUpdated: now,
      seq: ++this.seq,
    };
    this.keys.set(record.sid, record);
    return record;
  }

  findKey(sid: string): ApiKeyRecord | undefined {
    return this.keys.get(sid);
  }

  listKeys(): ApiKeyRecord[] {
    return [...this.keys.values()];
  }

  deleteKey(sid: string): boolean {
    return this.keys.delete(sid);
  }
}
