import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmulatorStore, type StoreEvent } from '../../scripts/emulator/store';
import { TwilioError } from '../../scripts/emulator/twilio-errors';

function twilioCode(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TwilioError);
    return error.code;
  }
  assert.fail('expected a TwilioError');
}

describe('emulator store', () => {
  it('hands out Twilio-shaped sids and starts conversations active with empty attributes', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    assert.match(conversation.sid, /^CH[0-9a-f]{32}$/);
    assert.equal(conversation.state, 'active');
    assert.equal(conversation.attributes, '{}');
  });

  it('numbers messages from 0 and never reuses an index after a delete', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    const first = store.addMessage(conversation, { body: 'a', webhookEnabled: false });
    const second = store.addMessage(conversation, { body: 'b', webhookEnabled: true });
    store.removeMessage(second);
    const third = store.addMessage(conversation, { body: 'c', webhookEnabled: false });
    assert.deepEqual([first.index, third.index], [0, 2]);
    assert.deepEqual(store.listMessages(conversation.sid).map((m) => m.body), ['a', 'c']);
  });

  it('links a message to the participant whose identity authored it and defaults the author to system', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    const participant = store.addParticipant(conversation, { identity: 'visitor' });
    assert.equal(store.addMessage(conversation, { author: 'visitor', body: 'hi', webhookEnabled: true }).participantSid, participant.sid);
    const system = store.addMessage(conversation, { body: 'hello', webhookEnabled: false });
    assert.equal(system.author, 'system');
    assert.equal(system.participantSid, null);
  });

  it('creates the user of a new participant identity, keeping an existing friendly name', () => {
    const store = new EmulatorStore();
    store.createUser({ identity: 'agent', friendlyName: 'Alice' });
    const conversation = store.createConversation({});
    store.addParticipant(conversation, { identity: 'agent' });
    store.addParticipant(conversation, { identity: 'visitor' });
    assert.equal(store.findUser('agent')?.friendlyName, 'Alice');
    assert.equal(store.findUser('visitor')?.friendlyName, null);
  });

  it('finds conversations by unique name, participants and users by identity', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({ uniqueName: 'chat-1' });
    const participant = store.addParticipant(conversation, { identity: 'v' });
    assert.equal(store.findConversation('chat-1'), conversation);
    assert.equal(store.findParticipant(conversation.sid, 'v'), participant);
    assert.equal(store.findUser('v')?.identity, 'v');
  });

  it('rejects attributes that are not JSON or exceed 16 KB with Twilio conversation codes', () => {
    const store = new EmulatorStore();
    assert.equal(twilioCode(() => store.createConversation({ attributes: '{nope' })), 50304);
    assert.equal(twilioCode(() => store.createConversation({ attributes: JSON.stringify({ x: 'y'.repeat(17_000) }) })), 50304);
  });

  it('refuses duplicate participants, duplicate users and duplicate unique names with 409 codes', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({ uniqueName: 'u' });
    store.addParticipant(conversation, { identity: 'v' });
    assert.equal(twilioCode(() => store.addParticipant(conversation, { identity: 'v' })), 50433);
    assert.equal(twilioCode(() => store.createUser({ identity: 'v' })), 50201);
    assert.equal(twilioCode(() => store.createConversation({ uniqueName: 'u' })), 50353);
  });

  it('requires a body or media, refuses unknown media and bodies over 1600 characters', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    assert.equal(twilioCode(() => store.addMessage(conversation, { webhookEnabled: false })), 20001);
    assert.equal(twilioCode(() => store.addMessage(conversation, { mediaSids: ['ME' + '0'.repeat(32)], webhookEnabled: false })), 20001);
    assert.equal(twilioCode(() => store.addMessage(conversation, { body: 'x'.repeat(1601), webhookEnabled: false })), 50511);
    const media = store.addMedia({ filename: 'a.png', contentType: 'image/png', data: Buffer.from([1, 2, 3]) });
    assert.equal(store.addMessage(conversation, { mediaSids: [media.sid], webhookEnabled: false }).body, null);
    assert.equal(media.size, 3);
  });

  it('keeps a closed conversation closed and read-only', () => {
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    store.updateConversation(conversation, { state: 'closed' });
    assert.equal(twilioCode(() => store.updateConversation(conversation, { state: 'active' })), 50350);
    assert.equal(twilioCode(() => store.addMessage(conversation, { body: 'late', webhookEnabled: false })), 50350);
    assert.equal(twilioCode(() => store.addParticipant(conversation, { identity: 'late' })), 50350);
  });

  it('stamps the read horizon time when the last read index moves and clears it with null', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const store = new EmulatorStore(() => now);
    const participant = store.addParticipant(store.createConversation({}), { identity: 'v' });
    store.updateParticipant(participant, { lastReadMessageIndex: 4 });
    assert.deepEqual([participant.lastReadMessageIndex, participant.lastReadTimestamp], [4, now]);
    store.updateParticipant(participant, { lastReadMessageIndex: null });
    assert.deepEqual([participant.lastReadMessageIndex, participant.lastReadTimestamp], [null, null]);
  });

  it('announces every change to subscribers until they unsubscribe', () => {
    const store = new EmulatorStore();
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
    assert.deepEqual(events, [
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
    const store = new EmulatorStore();
    const conversation = store.createConversation({});
    store.addParticipant(conversation, { identity: 'v' });
    store.addMessage(conversation, { body: 'x', webhookEnabled: false });
    store.deleteConversation(conversation);
    assert.equal(store.findConversation(conversation.sid), undefined);
    assert.deepEqual(store.listParticipants(conversation.sid), []);
    assert.deepEqual(store.listMessages(conversation.sid), []);
  });

  it('forgets everything on reset', () => {
    const store = new EmulatorStore();
    store.createConversation({});
    store.createUser({ identity: 'u' });
    store.reset();
    assert.deepEqual(store.listConversations(), []);
    assert.deepEqual(store.listUsers(), []);
  });
});
