import { describe, expect, it } from '@jest/globals';
import { foldIntoSnapshot } from '../../widget-src/transport/snapshot-fold';
import { AGENT, VISITOR, message, participant } from '../support/fake-chat-transport';
import type { ConversationSnapshot } from '../../widget-src/transport/chat-transport';

const snapshot: ConversationSnapshot = {
  state: 'active',
  participants: [participant(VISITOR, 'Jane')],
  latest: { messages: [message(10, VISITOR, 'question'), message(11, 'Concierge', 'welcome')], hasOlder: true },
  attributes: {},
};

describe('events that arrive while the first snapshot loads', () => {
  it('adds new messages once, in index order, whether or not the page already had them', () => {
    const folded = foldIntoSnapshot(snapshot, [
      { name: 'messageAdded', payload: message(13, AGENT, 'second') },
      { name: 'messageAdded', payload: message(12, AGENT, 'first') },
      { name: 'messageAdded', payload: message(11, 'Concierge', 'welcome') },
    ]);
    expect(folded.latest.messages.map((m) => m.index)).toStrictEqual([10, 11, 12, 13]);
  });

  it('leaves messages older than the page to paging, and edits of them too', () => {
    const folded = foldIntoSnapshot(snapshot, [
      { name: 'messageAdded', payload: message(2, AGENT, 'old') },
      { name: 'messageUpdated', payload: message(3, AGENT, 'old, edited') },
      { name: 'messageUpdated', payload: message(11, 'Concierge', 'welcome, edited') },
    ]);
    expect(folded.latest.messages.map((m) => m.body)).toStrictEqual(['question', 'welcome, edited']);
  });

  it('applies removals, roster changes and the latest state', () => {
    const folded = foldIntoSnapshot(snapshot, [
      { name: 'participantJoined', payload: participant(AGENT, 'Alex') },
      { name: 'messageRemoved', payload: { sid: message(10, VISITOR, '').sid } },
      { name: 'participantLeft', payload: participant(VISITOR, 'Jane') },
      { name: 'conversationStateChanged', payload: 'closed' },
    ]);
    expect(folded.latest.messages.map((m) => m.index)).toStrictEqual([11]);
    expect(folded.participants.map((p) => p.identity)).toStrictEqual([AGENT]);
    expect(folded.state).toBe('closed');
  });
});
