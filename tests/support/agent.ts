/**
 * Plays the Flex agent against the emulator in browser tests: joins through the agent desk API
 * (a User with a display name + a participant + an Access Token), then talks through the
 * emulator's realtime endpoints (text, files, typing, read horizon) and Twilio's REST API with
 * the real `twilio` library, and ends the conversation like Flex does.
 */
import type { DeskConversationView, DeskJoinView, MessageView, SnapshotView } from '../../scripts/emulator/protocol';
import { SseClient } from './sse-client';
import { twilioAt } from './twilio-at-emulator';

export class EmulatedAgent {
  private constructor(
    private readonly emulatorUrl: string,
    readonly conversationSid: string,
    readonly identity: string,
    private readonly token: string,
  ) {}

  /** The newest conversation the desk lists (the one the test's visitor just started). */
  static async latestConversation(emulatorUrl: string): Promise<DeskConversationView> {
    const response = await fetch(`${emulatorUrl}/desk/api/conversations`);
    const list = (await response.json()) as DeskConversationView[];
    const first = list[0];
    if (first === undefined) throw new Error('no conversation on the desk');
    return first;
  }

  static async join(emulatorUrl: string, conversationSid: string, displayName: string): Promise<EmulatedAgent> {
    const response = await fetch(`${emulatorUrl}/desk/api/conversations/${conversationSid}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName }),
    });
    if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
    const view = (await response.json()) as DeskJoinView;
    return new EmulatedAgent(emulatorUrl, conversationSid, view.identity, view.token);
  }

  private async realtime(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.emulatorUrl}/realtime/conversations/${this.conversationSid}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, ...(init.headers ?? {}) },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  async send(body: string): Promise<MessageView> {
    const response = await this.realtime('/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    return (await response.json()) as MessageView;
  }

  /** Sends through Twilio's REST API with the real twilio library, as a Flex plugin or Studio would. */
  async sendOverRest(accountSid: string, authToken: string, body: string): Promise<void> {
    const client = twilioAt(this.emulatorUrl, accountSid, authToken);
    await client.conversations.v1.conversations(this.conversationSid).messages.create({ author: this.identity, body });
  }

  async sendFile(filename: string, contentType: string, bytes: Uint8Array<ArrayBuffer>, body?: string): Promise<MessageView> {
    const upload = await this.realtime(`/media?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: new Blob([bytes], { type: contentType }),
    });
    const media = (await upload.json()) as { sid: string };
    const response = await this.realtime('/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body, mediaSids: [media.sid] }),
    });
    return (await response.json()) as MessageView;
  }

  /** The agent's realtime event stream (what the desk page listens to). */
  async events(): Promise<SseClient> {
    const url = `${this.emulatorUrl}/realtime/conversations/${this.conversationSid}/events?token=${encodeURIComponent(this.token)}`;
    const { client, status } = await SseClient.open(url);
    if (status !== 200) throw new Error(`event stream: ${status}`);
    return client;
  }

  /** Participants as the agent sees them (identity, friendly name, read horizon). */
  async participants(): Promise<SnapshotView['participants']> {
    const response = await this.realtime('?pageSize=1');
    return ((await response.json()) as SnapshotView).participants;
  }

  async typing(): Promise<void> {
    await this.realtime('/typing', { method: 'POST' });
  }

  async read(index: number): Promise<void> {
    await this.realtime('/read', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ index }) });
  }

  /** Ends the conversation (state closed), as Flex does when the agent wraps up. */
  async end(): Promise<void> {
    const response = await fetch(`${this.emulatorUrl}/desk/api/conversations/${this.conversationSid}/close`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    if (!response.ok) throw new Error(`close failed: ${response.status}`);
  }
}
