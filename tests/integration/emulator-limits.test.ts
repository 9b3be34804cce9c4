/**
 * Twilio's documented length limits at their boundaries, through the real twilio library: what a
 * Function sends at the limit is taken, one byte or character over is refused with Twilio's status
 * and code as twilio-node exposes them.
 */
import { describe, expect, it } from '@jest/globals';
import { TEST_EMULATOR_OPTIONS as O, refusal, useEmulator } from '../support/twilio-at-emulator';
import { jsonOfBytes } from '../support/sized-json';

const KB = 1024;

describe('emulator length limits driven by the real twilio library', () => {
  const emulator = useEmulator();
  const conversations = () => emulator.client.conversations.v1.conversations;

  it('delivers a chat message of 32 KB, far over the 1,600 characters of SMS, and refuses 32 KB + 1 with 50504', async () => {
    const messages = conversations()((await conversations().create({})).sid).messages;
    expect((await messages.create({ author: 'visitor', body: 'q'.repeat(32 * KB) })).body?.length).toBe(32 * KB);
    expect(await refusal(messages.create({ author: 'visitor', body: 'q'.repeat(32 * KB + 1) }))).toStrictEqual([400, 50504]);
  });

  it('takes conversation attributes of 16 KB and refuses 16 KB + 1 with 50303', async () => {
    const created = await conversations().create({ attributes: jsonOfBytes(16 * KB) });
    expect(created.attributes.length).toBe(16 * KB);
    expect(await refusal(conversations().create({ attributes: jsonOfBytes(16 * KB + 1) }))).toStrictEqual([400, 50303]);
  });

  it('takes message and participant attributes of 4 KB and refuses 4 KB + 1 with 400 20001', async () => {
    const conversation = conversations()((await conversations().create({})).sid);
    await conversation.messages.create({ body: 'a', attributes: jsonOfBytes(4 * KB) });
    expect(await refusal(conversation.messages.create({ body: 'a', attributes: jsonOfBytes(4 * KB + 1) }))).toStrictEqual([400, 20001]);
    await conversation.participants.create({ identity: 'agent', attributes: jsonOfBytes(4 * KB) });
    expect(await refusal(conversation.participants.create({ identity: 'other', attributes: jsonOfBytes(4 * KB + 1) }))).toStrictEqual([400, 20001]);
  });

  it('takes a friendly name and a participant identity of 256 characters and refuses 257', async () => {
    const conversation = await conversations().create({ friendlyName: 'n'.repeat(256) });
    expect(await refusal(conversations().create({ friendlyName: 'n'.repeat(257) }))).toStrictEqual([400, 50003]);
    const participants = conversations()(conversation.sid).participants;
    expect((await participants.create({ identity: 'i'.repeat(256) })).identity?.length).toBe(256);
    expect(await refusal(participants.create({ identity: 'i'.repeat(257) }))).toStrictEqual([400, 20001]);
  });

  it('creates a user with an identity of 256 characters and refuses 257 with 50207', async () => {
    const users = emulator.client.conversations.v1.users;
    expect((await users.create({ identity: 'u'.repeat(256) })).identity.length).toBe(256);
    expect(await refusal(users.create({ identity: 'u'.repeat(257) }))).toStrictEqual([400, 50207]);
  });

  it('creates a web chat whose attributes are exactly 16 KB and refuses one byte more with Flex code 45731, creating nothing', async () => {
    // The conversation attributes are {"pre_engagement_data":<data>}: 24 bytes around the data.
    const fits = jsonOfBytes(16 * KB - 24);
    const chat = await emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid, preEngagementData: fits });
    expect(Buffer.byteLength((await conversations()(chat.conversationSid).fetch()).attributes)).toBe(16 * KB);
    const tooLarge = jsonOfBytes(16 * KB - 23);
    expect(await refusal(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid, preEngagementData: tooLarge }))).toStrictEqual([400, 45731]);
    expect((await conversations().list()).length).toBe(1);
  });
});
