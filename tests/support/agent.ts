/**
 * Plays the Flex agent against the emulator in browser tests, as Flex does: joins over Twilio's REST
 * API with the real `twilio` library (a User with a display name + a participant), then talks through
 * the real Conversations SDK (text, files, typing, read horizon) and ends the conversation over REST.
 */
import type { Client, Conversation, Message } from '@twilio/conversations';
import { readConfig } from '../../functions/lib/config';
import { agentIdentity } from '../../scripts/emulator/desk/desk-api';
import { mintToken } from '../../functions/lib/tokens';
import { connect, nextEvent } from './conversations-sdk';
import { twilioAt } from '../../scripts/lib/twilio-at';

/** Clients of agents who left: a renewal still waiting must not wake a client that was shut down (its retries would keep Node running). */
const departed = new WeakSet<Client>();

export class EmulatedAgent {
  private constructor(
    private readonly env: Record<string, string>,
    private readonly client: Client,
    private readonly conversation: Conversation,
    readonly identity: string,
  ) {}

  private static rest(env: Record<string, string>) {
    const { accountSid, authToken, apiBaseUrl } = readConfig(env);
    if (apiBaseUrl === null) throw new Error('the test environment names no emulator');
    return twilioAt(apiBaseUrl, accountSid, authToken);
  }

  /** The newest conversation (the one the test's visitor just started). */
  static async latestConversation(env: Record<string, string>): Promise<{ sid: string }> {
    const conversations = await EmulatedAgent.rest(env).conversations.v1.conversations.list();
    const newest = conversations.sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())[0];
    if (newest === undefined) throw new Error('no conversation in the emulator');
    return { sid: newest.sid };
  }

  /**
   * Joins `conversationSid` as a participant named `displayName`, with an SDK client of its own: as
   * Flex names an agent, through their User's friendly name (scripts/emulator/desk/desk-api.ts).
   */
  static async join(env: Record<string, string>, conversationSid: string, displayName: string): Promise<EmulatedAgent> {
    const identity = agentIdentity(displayName);
    const rest = EmulatedAgent.rest(env);
    // The same agent may join several chats: their User exists after the first.
    await rest.conversations.v1.users.create({ identity, friendlyName: displayName }).catch(() => rest.conversations.v1.users(identity).update({ friendlyName: displayName }));
    await rest.conversations.v1.conversations(conversationSid).participants.create({ identity });
    const config = readConfig(env);
    const client = await connect(config.apiBaseUrl ?? '', mintToken(config, identity).token);
    // Flex renews the agent's token when it expires; the SDK takes a new one once its socket closed.
    // A renewal the next drop cuts short ("disconnected") is made again once that drop is over.
    const renew = (): void => {
      void nextEvent(client, 'connectionStateChanged', (state) => state === 'disconnected').then(async () => {
        if (!departed.has(client)) await client.updateToken(mintToken(config, identity).token).catch(renew);
      });
    };
    client.on('tokenExpired', renew);
    const conversation = await client.getConversationBySid(conversationSid);
    // Loading the page and the roster subscribes the SDK to the conversation's events.
    await Promise.all([conversation.getMessages(1), conversation.getParticipants()]);
    return new EmulatedAgent(env, client, conversation, identity);
  }

  /**
   * Adds a participant named only in its participant attributes (`{"friendly_name": name}`, no
   * User), as a Flex plugin or Studio may, and posts `body` as it over REST; answers its identity.
   */
  static async postAsNamedParticipant(env: Record<string, string>, conversationSid: string, name: string, body: string): Promise<string> {
    const conversation = EmulatedAgent.rest(env).conversations.v1.conversations(conversationSid);
    const identity = `participant-${name.toLowerCase()}`;
    await conversation.participants.create({ identity, attributes: JSON.stringify({ friendly_name: name }) });
    await conversation.messages.create({ author: identity, body });
    return identity;
  }

  async send(body: string): Promise<void> {
    await this.conversation.sendMessage(body);
  }

  /** Sends through Twilio's REST API with the real twilio library, as a Flex plugin or Studio would. */
  async sendOverRest(body: string): Promise<void> {
    await EmulatedAgent.rest(this.env).conversations.v1.conversations(this.conversation.sid).messages.create({ author: this.identity, body });
  }

  /** Every message of the conversation, oldest first, as Twilio's REST API lists them (the real twilio library). */
  async listOverRest(): Promise<Array<{ index: number; body: string | null; attributes: string }>> {
    const messages = await EmulatedAgent.rest(this.env).conversations.v1.conversations(this.conversation.sid).messages.list({ order: 'asc' });
    return messages.map(({ index, body, attributes }) => ({ index, body, attributes }));
  }

  /** Those of the conversation's messages whose body is one of `bodies`, oldest first: how often and in which order each arrived. */
  async delivered(bodies: string[]): Promise<string[]> {
    return (await this.listOverRest()).flatMap((m) => (m.body !== null && bodies.includes(m.body) ? [m.body] : []));
  }

  async sendFile(filename: string, contentType: string, bytes: Uint8Array, body?: string): Promise<void> {
    let builder = this.conversation.prepareMessage();
    if (body !== undefined) builder = builder.setBody(body);
    await builder.addMedia({ filename, contentType, media: Buffer.from(bytes) }).buildAndSend();
  }

  /** The next message from someone else for which `accept` holds. */
  async nextMessage(accept: (message: Message) => boolean = () => true): Promise<Message> {
    const [message] = await nextEvent<[Message]>(this.conversation, 'messageAdded', (m) => m.author !== this.identity && accept(m));
    return message;
  }

  /** From now on, every message the agent's SDK reports (the agent's view of the chat), in the order reported. */
  watchMessages(): Array<{ index: number; body: string | null }> {
    const seen: Array<{ index: number; body: string | null }> = [];
    this.conversation.on('messageAdded', (message: Message) => seen.push({ index: message.index, body: message.body }));
    return seen;
  }

  /** Resolves when someone else starts typing. */
  async someoneTyping(): Promise<void> {
    await nextEvent(this.conversation, 'typingStarted');
  }

  /** Participants as the agent sees them. */
  async participants(): Promise<Array<{ identity: string | null; lastReadMessageIndex: number | null }>> {
    return (await this.conversation.getParticipants()).map((p) => ({ identity: p.identity, lastReadMessageIndex: p.lastReadMessageIndex }));
  }

  async typing(): Promise<void> {
    await this.conversation.typing();
  }

  async read(index: number): Promise<void> {
    await this.conversation.advanceLastReadMessageIndex(index);
  }

  /** Ends the conversation (state closed), as Flex does when the agent wraps up. */
  async end(): Promise<void> {
    await EmulatedAgent.rest(this.env).conversations.v1.conversations(this.conversation.sid).update({ state: 'closed' });
  }

  get conversationSid(): string {
    return this.conversation.sid;
  }

  async leave(): Promise<void> {
    departed.add(this.client);
    await this.client.shutdown();
  }
}
