import { describe, expect, it } from '@jest/globals';
import { ConversationsStore } from '../../scripts/emulator/store/conversations-store';
import type { StoreEvent } from '../../scripts/emulator/store/conversation-records';
import { thrownTwilioError } from '../support/thrown-twilio-error';

const twilioCode = (fn: () => unknown): number => thrownTwilioError(fn).code;

describe('emulator store', () => {
  it('hands out Twilio-shaped sids and starts conversations active with empty attributes', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    expect(conversation.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(conversation.state).toBe('active');
    expect(conversation.attributes).toBe('{}');
  });

  it('numbers messages from 0 and never reuses an index after a delete', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    const first = store.addMessage(conversation, { body: 'a', webhookEnabled: false });
    const second = store.addMessage(conversation, { body: 'b', webhookEnabled: true });
    store.removeMessage(second);
    const third = store.addMessage(conversation, { body: 'c', webhookEnabled: false });
    expect([first.index, third.index]).toStrictEqual([0, 2]);
    expect(store.listMessages(conversation.sid).map((m) => m.body)).toStrictEqual(['a', 'c']);
  });

  it('links a message to the participant whose identity authored it and defaults the author to system', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    const participant = store.addParticipant(conversation, { identity: 'visitor' });
    expect(store.addMessage(conversation, { author: 'visitor', body: 'hi', webhookEnabled: true }).participantSid).toBe(participant.sid);
    const system = store.addMessage(conversation, { body: 'hello', webhookEnabled: false });
    expect(system.author).toBe('system');
    expect(system.participantSid).toBe(null);
  });

  it('creates the user of a new participant identity, keeping an existing friendly name', () => {
    const store = new ConversationsStore();
    store.users.create({ identity: 'agent', friendlyName: 'Alice' });
    const conversation = store.createConversation({});
    store.addParticipant(conversation, { identity: 'agent' });
    store.addParticipant(conversation, { identity: 'visitor' });
    expect(store.users.find('agent')?.friendlyName).toBe('Alice');
    expect(store.users.find('visitor')?.friendlyName).toBe(null);
  });

  it('finds conversations by unique name, participants and users by identity', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({ uniqueName: 'chat-1' });
    const participant = store.addParticipant(conversation, { identity: 'v' });
    expect(store.findConversation('chat-1')).toBe(conversation);
    expect(store.findParticipant(conversation.sid, 'v')).toBe(participant);
    expect(store.users.find('v')?.identity).toBe('v');
  });

  it('rejects conversation attributes that are not JSON (50304) or exceed 16 KB (50303)', () => {
    const store = new ConversationsStore();
    expect(twilioCode(() => store.createConversation({ attributes: '{nope' }))).toBe(50304);
    expect(twilioCode(() => store.createConversation({ attributes: JSON.stringify({ x: 'y'.repeat(17_000) }) }))).toBe(50303);
  });

  it('refuses duplicate participants, duplicate users and duplicate unique names with 409 codes', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({ uniqueName: 'u' });
    store.addParticipant(conversation, { identity: 'v' });
    expect(twilioCode(() => store.addParticipant(conversation, { identity: 'v' }))).toBe(50433);
    expect(twilioCode(() => store.users.create({ identity: 'v' }))).toBe(50201);
    expect(twilioCode(() => store.createConversation({ uniqueName: 'u' }))).toBe(50353);
  });

  it('requires a body or media, refuses unknown media and bodies over 32 KB', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    expect(twilioCode(() => store.addMessage(conversation, { webhookEnabled: false }))).toBe(20001);
    expect(twilioCode(() => store.addMessage(conversation, { mediaSids: ['ME' + '0'.repeat(32)], webhookEnabled: false }))).toBe(20001);
    expect(store.addMessage(conversation, { body: 'x'.repeat(1601), webhookEnabled: false }).body?.length).toBe(1601);
    expect(twilioCode(() => store.addMessage(conversation, { body: 'x'.repeat(32 * 1024 + 1), webhookEnabled: false }))).toBe(50504);
    const media = store.media.add({ filename: 'a.png', contentType: 'image/png', data: Buffer.from([1, 2, 3]) });
    expect(store.addMessage(conversation, { mediaSids: [media.sid], webhookEnabled: false }).body).toBe(null);
    expect(media.size).toBe(3);
  });

  it('keeps a closed conversation closed and read-only', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    store.updateConversation(conversation, { state: 'closed' });
    expect(twilioCode(() => store.updateConversation(conversation, { state: 'active' }))).toBe(50377);
    expect(twilioCode(() => store.addMessage(conversation, { body: 'late', webhookEnabled: false }))).toBe(50377);
    expect(twilioCode(() => store.addParticipant(conversation, { identity: 'late' }))).toBe(50377);
  });

  it('stamps the read horizon time when the last read index moves and clears it with null', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const store = new ConversationsStore(() => now);
    const participant = store.addParticipant(store.createConversation({}), { identity: 'v' });
    store.updateParticipant(participant, { lastReadMessageIndex: 4 });
    expect([participant.lastReadMessageIndex, participant.lastReadTimestamp]).toStrictEqual([4, now]);
    store.updateParticipant(participant, { lastReadMessageIndex: null });
    expect([participant.lastReadMessageIndex, participant.lastReadTimestamp]).toStrictEqual([null, null]);
  });

  it('announces every change to subscribers until they unsubscribe', () => {
    const store = new ConversationsStore();
    const events: StoreEvent['type'][] = [];
    const unsubscribe = store.subscribe((event) => events.push(event.type));
    const conversation = store.createConversation({});
    const participant = store.addParticipant(conversation, { identity: 'v' });
    const message = store.addMessage(conversation, { body: 'x', webhookEnabled: false });
    store.updateMessage(message, { body: 'y' });
    store.updateParticipant(participant, { lastReadMessageIndex: 0 });
    store.removeMessage(message);
    store.removeParticipant(participant);
    store.updateConversation(conversation, { state: 'closed' });
    unsubscribe();
    store.deleteConversation(conversation);
    expect(events).toStrictEqual([
      'participantAdded',
      'messageAdded',
      'messageUpdated',
      'participantUpdated',
      'messageRemoved',
      'participantRemoved',
      'conversationUpdated',
    ]);
  });

  it('deletes a conversation with its participants and messages', () => {
    const store = new ConversationsStore();
    const conversation = store.createConversation({});
    store.addParticipant(conversation, { identity: 'v' });
    store.addMessage(conversation, { body: 'x', webhookEnabled: false });
    store.deleteConversation(conversation);
    expect(store.findConversation(conversation.sid)).toBe(undefined);
    expect(store.listParticipants(conversation.sid)).toStrictEqual([]);
    expect(store.listMessages(conversation.sid)).toStrictEqual([]);
  });

  it('forgets everything on reset', () => {
    const store = new ConversationsStore();
    store.createConversation({});
    store.users.create({ identity: 'u' });
    store.reset();
    expect(store.listConversations()).toStrictEqual([]);
    expect(store.users.list()).toStrictEqual([]);
  });
});
