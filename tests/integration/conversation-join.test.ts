/**
 * Who may join a conversation. A visitor's token, used with the real Conversations SDK, tries to add
 * itself (or someone else) to another visitor's chat by its SID, as `conversation.join()` does:
 * the emulator decides by the service's roles as Twilio documents them, setup takes from visitors'
 * role what would let it, and the Functions never trust a participant they did not seal themselves.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Client } from '@twilio/conversations';
import { handler as emailTranscript } from '../../functions/emailTranscript';
import { handler as endChat } from '../../functions/endChat';
import { handler as refreshToken } from '../../functions/refreshToken';
import { restrictVisitorRole, VISITOR_FORBIDDEN_PERMISSIONS } from '../../scripts/lib/setup/visitor-role';
import { startTestBackend, type TestBackend } from '../support/backend';
import { connect } from '../support/conversations-sdk';
import { invoke } from '../support/function-runtime';
import { form, fromShop, startIn } from '../support/init-webchat';

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

const SENDGRID = { SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret-0123', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' };

/** What `conversation.join()` and `add()` send, for a conversation the caller cannot open first. */
function postParticipant(client: Client, conversationSid: string, identity: string): Promise<unknown> {
  const internals = client as unknown as {
    _configuration: { links: { conversations: string } };
    _services: { commandExecutor: { mutateResource(method: string, url: string, body: object): Promise<unknown> } };
  };
  return internals._services.commandExecutor.mutateResource('post', `${internals._configuration.links.conversations}/${conversationSid}/Participants`, { identity });
}

/** The HTTP status the SDK's request was refused with. */
async function refusal(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
  } catch (error) {
    return (error as { status?: number }).status;
  }
  throw new Error('the call was not refused');
}

describe('joining a conversation with a visitor token', () => {
  let backend: TestBackend;
  let clients: Client[] = [];
  beforeAll(async () => {
    backend = await startTestBackend(SENDGRID);
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.shutdown()));
    clients = [];
  });

  async function startChat(): Promise<Chat> {
    const answer = await startIn(backend.context, { formData: form }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  async function sdk(chat: Chat): Promise<Client> {
    const client = await connect(backend.emulator.url, chat.token);
    clients.push(client);
    return client;
  }

  const identities = async (conversationSid: string) =>
    (await backend.twilio.conversations.v1.conversations(conversationSid).participants.list()).map((participant) => participant.identity);

  it("is possible on a fresh Flex account, whose default user role has joinConversation: the door setup closes", async () => {
    const [victim, attacker] = [await startChat(), await startChat()];
    await postParticipant(await sdk(attacker), victim.conversationSid, attacker.identity);
    expect(await identities(victim.conversationSid)).toContain(attacker.identity);
  });

  it("is refused once setup restricted visitors' role: the SDK's join answers 403 and the chat keeps its participants", async () => {
    const change = await restrictVisitorRole(backend.twilio, backend.env.CONVERSATIONS_SERVICE_SID ?? '');
    expect(change.removed).toStrictEqual(['joinConversation']);
    const [victim, attacker] = [await startChat(), await startChat()];
    const before = await identities(victim.conversationSid);
    expect(await refusal(postParticipant(await sdk(attacker), victim.conversationSid, attacker.identity))).toBe(403);
    expect(await identities(victim.conversationSid)).toStrictEqual(before);
    // Run again, setup finds nothing left to take.
    expect((await restrictVisitorRole(backend.twilio, backend.env.CONVERSATIONS_SERVICE_SID ?? '')).removed).toStrictEqual([]);
    const role = await backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '').roles(change.roleSid).fetch();
    expect(role.permissions.filter((permission) => VISITOR_FORBIDDEN_PERMISSIONS.includes(permission))).toStrictEqual([]);
  });

  it('never lets a visitor add someone else, to its own chat or to another: no role of theirs has addParticipant', async () => {
    const [mine, theirs] = [await startChat(), await startChat()];
    const client = await sdk(mine);
    expect(await refusal(postParticipant(client, mine.conversationSid, 'friend-of-mallory'))).toBe(403);
    expect(await refusal(postParticipant(client, theirs.conversationSid, 'friend-of-mallory'))).toBe(403);
    expect(await identities(mine.conversationSid)).not.toContain('friend-of-mallory');
  });

  it("gets a self-added participant nothing from the Functions: no renewal, no end, no email, as for a chat that is not theirs", async () => {
    const [victim, attacker] = [await startChat(), await startChat()];
    // On the default roles the join itself succeeds: the Functions are the second line.
    await postParticipant(await sdk(attacker), victim.conversationSid, attacker.identity);
    const ask = { token: attacker.token, conversationSid: victim.conversationSid };
    const unknown = await invoke(refreshToken, backend.context, { token: attacker.token, conversationSid: `CH${'0'.repeat(32)}` }, fromShop);
    for (const handler of [refreshToken, endChat, emailTranscript]) {
      const { status, body } = await invoke(handler, backend.context, ask, fromShop);
      expect({ status, body }).toStrictEqual({ status: unknown.status, body: unknown.body });
    }
    expect((await backend.twilio.conversations.v1.conversations(victim.conversationSid).fetch()).state).toBe('active');
    expect(await backend.emulator.outbox()).toHaveLength(0);
    // The visitor the Functions sealed is served as before.
    expect((await invoke(refreshToken, backend.context, { token: victim.token, conversationSid: victim.conversationSid }, fromShop)).status).toBe(200);
  });
});
