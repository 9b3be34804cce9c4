import { describe, expect, it } from '@jest/globals';
import { ConversationsStore } from '../../scripts/emulator/store/conversations-store';
import { thrownTwilioError } from '../support/thrown-twilio-error';
import { jsonOfBytes } from '../support/sized-json';

const KB = 1024;

function refusal(fn: () => unknown): [number, number] {
  const error = thrownTwilioError(fn);
  return [error.status, error.code];
}

describe('emulator Conversations length limits (Twilio Conversations limits page)', () => {
  const store = new ConversationsStore();
  const open = () => store.createConversation({});

  it('takes a chat message body of exactly 32 KB and refuses one byte more with 50504', () => {
    const conversation = open();
    expect(store.addMessage(conversation, { body: 'x'.repeat(32 * KB), webhookEnabled: false }).index).toBe(0);
    expect(refusal(() => store.addMessage(conversation, { body: 'x'.repeat(32 * KB + 1), webhookEnabled: false }))).toStrictEqual([400, 50504]);
  });

  it('counts the body in UTF-8 bytes, so 16,384 two-byte letters fit and one more letter does not', () => {
    const conversation = open();
    expect(store.addMessage(conversation, { body: 'é'.repeat(16 * KB), webhookEnabled: false }).body?.length).toBe(16 * KB);
    expect(refusal(() => store.addMessage(conversation, { body: `${'é'.repeat(16 * KB)}a`, webhookEnabled: false }))).toStrictEqual([400, 50504]);
  });

  it('applies the body limit to message updates too', () => {
    const message = store.addMessage(open(), { body: 'draft', webhookEnabled: false });
    expect(store.updateMessage(message, { body: 'y'.repeat(32 * KB) }).body?.length).toBe(32 * KB);
    expect(refusal(() => store.updateMessage(message, { body: 'y'.repeat(32 * KB + 1) }))).toStrictEqual([400, 50504]);
  });

  it('takes conversation attributes of exactly 16 KB and refuses one byte more with 50303, on create and update', () => {
    const conversation = store.createConversation({ attributes: jsonOfBytes(16 * KB) });
    expect(Buffer.byteLength(conversation.attributes)).toBe(16 * KB);
    expect(refusal(() => store.createConversation({ attributes: jsonOfBytes(16 * KB + 1) }))).toStrictEqual([400, 50303]);
    expect(refusal(() => store.updateConversation(conversation, { attributes: jsonOfBytes(16 * KB + 1) }))).toStrictEqual([400, 50303]);
  });

  it('takes message attributes of exactly 4 KB and refuses one byte more with the generic 20001', () => {
    const conversation = open();
    const message = store.addMessage(conversation, { body: 'a', attributes: jsonOfBytes(4 * KB), webhookEnabled: false });
    expect(refusal(() => store.addMessage(conversation, { body: 'a', attributes: jsonOfBytes(4 * KB + 1), webhookEnabled: false }))).toStrictEqual([400, 20001]);
    expect(refusal(() => store.updateMessage(message, { attributes: jsonOfBytes(4 * KB + 1) }))).toStrictEqual([400, 20001]);
  });

  it('takes participant attributes of exactly 4 KB and refuses one byte more with the generic 20001', () => {
    const conversation = open();
    const participant = store.addParticipant(conversation, { identity: 'p-4k', attributes: jsonOfBytes(4 * KB) });
    expect(refusal(() => store.addParticipant(conversation, { identity: 'p-over', attributes: jsonOfBytes(4 * KB + 1) }))).toStrictEqual([400, 20001]);
    expect(refusal(() => store.updateParticipant(participant, { attributes: jsonOfBytes(4 * KB + 1) }))).toStrictEqual([400, 20001]);
  });

  it('takes user attributes of exactly 16 KB and refuses one byte more', () => {
    store.users.create({ identity: 'u-16k', attributes: jsonOfBytes(16 * KB) });
    expect(refusal(() => store.users.create({ identity: 'u-over', attributes: jsonOfBytes(16 * KB + 1) }))).toStrictEqual([400, 20001]);
  });

  it('refuses attributes that are not JSON, whatever they belong to', () => {
    const conversation = open();
    expect(refusal(() => store.addMessage(conversation, { body: 'a', attributes: '{', webhookEnabled: false }))).toStrictEqual([400, 20001]);
    expect(refusal(() => store.addParticipant(conversation, { identity: 'j', attributes: '{' }))).toStrictEqual([400, 20001]);
  });

  it('takes a conversation friendly name of 256 characters and refuses 257 with 50003', () => {
    const conversation = store.createConversation({ friendlyName: 'f'.repeat(256) });
    expect(conversation.friendlyName?.length).toBe(256);
    expect(refusal(() => store.createConversation({ friendlyName: 'f'.repeat(257) }))).toStrictEqual([400, 50003]);
    expect(refusal(() => store.updateConversation(conversation, { friendlyName: 'f'.repeat(257) }))).toStrictEqual([400, 50003]);
  });

  it('takes a participant identity of 256 characters and refuses 257, creating no user for it', () => {
    const conversation = open();
    expect(store.addParticipant(conversation, { identity: 'i'.repeat(256) }).identity?.length).toBe(256);
    expect(refusal(() => store.addParticipant(conversation, { identity: 'j'.repeat(257) }))).toStrictEqual([400, 20001]);
    expect(store.users.find('j'.repeat(257))).toBe(undefined);
  });

  it('refuses a conversation unique name shaped like a conversation sid with 50390', () => {
    expect(refusal(() => store.createConversation({ uniqueName: `CH${'a'.repeat(32)}` }))).toStrictEqual([400, 50390]);
    expect(store.createConversation({ uniqueName: `CH${'a'.repeat(31)}` }).uniqueName).toBe(`CH${'a'.repeat(31)}`);
  });
});
