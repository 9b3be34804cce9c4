/**
 * `DateCreated`/`DateUpdated` on create and the `StartDate`/`EndDate`/`State` filters of the
 * conversation list, as the Conversations OpenAPI description gives them, through the real twilio
 * library on both URL forms.
 */
import { describe, expect, it } from '@jest/globals';
import { TEST_EMULATOR_OPTIONS as O, refusal, useEmulator } from '../support/twilio-at-emulator';

const DAY_MS = 24 * 3600 * 1000;

describe('emulator creation dates driven by the real twilio library', () => {
  const emulator = useEmulator();
  const v1 = () => emulator.client.conversations.v1;

  it('back-dates a conversation on /v1/Conversations and a participant in it', async () => {
    const thirtyDaysAgo = new Date(Date.now() - 30 * DAY_MS);
    thirtyDaysAgo.setUTCMilliseconds(0);
    const conversation = await v1().conversations.create({ dateCreated: thirtyDaysAgo });
    expect(conversation.dateCreated).toStrictEqual(thirtyDaysAgo);
    expect(conversation.dateUpdated).toStrictEqual(thirtyDaysAgo);
    expect((await v1().conversations(conversation.sid).fetch()).dateCreated).toStrictEqual(thirtyDaysAgo);
    const participant = await v1().conversations(conversation.sid).participants.create({ identity: 'visitor', dateCreated: thirtyDaysAgo });
    expect(participant.dateCreated).toStrictEqual(thirtyDaysAgo);
  });

  it('takes DateCreated and DateUpdated under /v1/Services/{IS}/Conversations', async () => {
    const service = v1().services(O.conversationsServiceSid);
    const created = await service.conversations.create({
      dateCreated: new Date('2026-01-02T03:04:05Z'),
      dateUpdated: new Date('2026-01-03T00:00:00Z'),
    });
    expect([created.dateCreated.toISOString(), created.dateUpdated.toISOString()]).toStrictEqual(['2026-01-02T03:04:05.000Z', '2026-01-03T00:00:00.000Z']);
  });

  it('refuses malformed or impossible dates with 400 20001 and creates nothing', async () => {
    const bad = ['yesterday', '2026-02-30T00:00:00Z', '2026-01-01 10:00:00', '2026-01-01T24:00:00Z', '2026-01-01'];
    for (const dateCreated of bad) {
      expect(await refusal(v1().conversations.create({ dateCreated: dateCreated as unknown as Date }))).toStrictEqual([400, 20001]);
    }
    expect(await refusal(v1().services(O.conversationsServiceSid).conversations.create({ dateUpdated: 'nope' as unknown as Date }))).toStrictEqual([400, 20001]);
    expect(await v1().conversations.list()).toStrictEqual([]);
  });

  it('filters by an inclusive range of creation days, newest first, combined with State', async () => {
    const at = (iso: string) => new Date(iso);
    const before = await v1().conversations.create({ friendlyName: 'before', dateCreated: at('2026-03-09T23:59:59Z') });
    const first = await v1().conversations.create({ friendlyName: 'first', dateCreated: at('2026-03-10T00:00:00Z') });
    const last = await v1().conversations.create({ friendlyName: 'last', dateCreated: at('2026-03-12T23:59:59Z'), state: 'closed' });
    await v1().conversations.create({ friendlyName: 'middle', dateCreated: at('2026-03-11T12:00:00Z') });
    await v1().conversations.create({ friendlyName: 'after', dateCreated: at('2026-03-13T00:00:00Z') });
    const names = (list: { friendlyName: string }[]) => list.map((c) => c.friendlyName);

    expect(names(await v1().conversations.list({ startDate: '2026-03-10', endDate: '2026-03-12' }))).toStrictEqual(['last', 'middle', 'first']);
    expect(names(await v1().conversations.list({ startDate: '2026-03-10T00:00:00Z', endDate: '2026-03-12T23:59:59Z', pageSize: 2 }))).toStrictEqual(['last', 'middle', 'first']);
    expect(names(await v1().conversations.list({ endDate: '2026-03-10T00:00:00Z' }))).toStrictEqual(['first', 'before']);
    expect(names(await v1().conversations.list({ startDate: '2026-03-10', state: 'active' }))).toStrictEqual(['after', 'middle', 'first']);
    const scoped = v1().services(O.conversationsServiceSid).conversations;
    expect((await scoped.list({ startDate: '2026-03-12', endDate: '2026-03-12', state: 'closed' })).map((c) => c.sid)).toStrictEqual([last.sid]);
    // Without a date filter the list keeps creation order.
    expect((await v1().conversations.list({ limit: 3 })).map((c) => c.sid)).toStrictEqual([before.sid, first.sid, last.sid]);
  });

  it('refuses a malformed StartDate or EndDate with 400 20001', async () => {
    expect(await refusal(v1().conversations.list({ startDate: 'last week' }))).toStrictEqual([400, 20001]);
    expect(await refusal(v1().conversations.list({ endDate: '2026-13-01' }))).toStrictEqual([400, 20001]);
  });
});
