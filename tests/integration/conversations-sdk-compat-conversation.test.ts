/**
 * Compatibility of the emulator's twilsock endpoint with the real @twilio/conversations SDK (the
 * version pinned in package.json), asserted through the SDK's public API only: the conversation
 * (snapshot, messages, media, participants, typing, read horizon, state). The agent side plays
 * through the real `twilio` library over REST. After upgrading the SDK, run these suites
 * (`npx jest tests/integration/conversations-sdk-compat`): a failure means the SDK now expects
 * something of Twilio's private protocol the emulator lacks (read the SDK's twilsock /
 * twilio-sync code to see what, see scripts/emulator/realtime/).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Conversation, Message, Participant, User } from '@twilio/conversations';
import { nextEvent } from '../support/conversations-sdk';
import { EmulatorControl } from '../support/emulator-control';
import { AGENT, PRE_ENGAGEMENT, VISITOR, useSdkCompatWorld } from '../support/sdk-compat-world';

const { emulator, client, createChat, open, agentJoins } = useSdkCompatWorld();
let control: EmulatorControl;

beforeAll(() => {
  control = new EmulatorControl(emulator.url);
});

describe('start-up and the conversation snapshot', () => {
  it('initializes and opens the conversation with its attributes and state', async () => {
    const sid = await createChat();
    const visitor = await client(VISITOR);
    expect(visitor.user.identity).toBe(VISITOR);
    const conversation = await visitor.getConversationBySid(sid);
    expect(conversation.friendlyName).toBe('Chat with Ada');
    expect(conversation.attributes).toEqual({ pre_engagement_data: PRE_ENGAGEMENT });
    expect(conversation.state?.current).toBe('active');
    expect(conversation.status).toBe('joined');
  });

  it('pages older messages', async () => {
    const sid = await createChat(7);
    const conversation = await open(await client(VISITOR), sid);
    const newest = await conversation.getMessages(3);
    expect(newest.items.map((m) => m.body)).toEqual(['message 4', 'message 5', 'message 6']);
    expect(newest.hasPrevPage).toBe(true);
    const older = await newest.prevPage();
    expect(older.items.map((m) => m.body)).toEqual(['message 1', 'message 2', 'message 3']);
    const oldest = await older.prevPage();
    expect(oldest.items.map((m) => m.body)).toEqual(['message 0']);
    expect(oldest.hasPrevPage).toBe(false);
  });
});

describe('messages', () => {
  it('delivers a message posted over REST as messageAdded', async () => {
    const sid = await createChat();
    const conversation = await open(await client(VISITOR), sid);
    const added = nextEvent<[Message]>(conversation, 'messageAdded');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'Hello from the agent' });
    const [message] = await added;
    expect(message.body).toBe('Hello from the agent');
    expect(message.author).toBe(AGENT);
  });

  it('sends a message that REST sees, authored by the identity and webhook-enabled', async () => {
    const sid = await createChat();
    const conversation = await open(await client(VISITOR), sid);
    const echoed = nextEvent<[Message]>(conversation, 'messageAdded');
    const index = await conversation.sendMessage('Hi, I need help', { source: 'widget' });
    expect((await echoed)[0].index).toBe(index);
    const [sent] = await emulator.client.conversations.v1.conversations(sid).messages.list();
    expect(sent?.author).toBe(VISITOR);
    expect(sent?.body).toBe('Hi, I need help');
    expect(JSON.parse(sent?.attributes ?? '{}')).toEqual({ source: 'widget' });
    const detail = await control.conversation(sid);
    expect(detail.messages[0]?.webhookEnabled).toBe(true);
  });

  it('uploads a file through the media service and downloads it from its temporary URL', async () => {
    const sid = await createChat();
    const conversation = await open(await client(VISITOR), sid);
    const added = nextEvent<[Message]>(conversation, 'messageAdded');
    const bytes = Buffer.from('%PDF-1.4 receipt');
    await conversation.sendMessage({ contentType: 'application/pdf', filename: 'receipt.pdf', media: bytes });
    const [message] = await added;
    const [media] = message.attachedMedia ?? [];
    expect(media?.filename).toBe('receipt.pdf');
    expect(media?.contentType).toBe('application/pdf');
    const url = await media?.getContentTemporaryUrl();
    const download = await fetch(url ?? '');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const [stored] = await emulator.client.conversations.v1.conversations(sid).messages.list();
    expect(stored?.media?.length).toBe(1);
  });
});

describe('participants', () => {
  it('lists participants and reports joins, renames and departures made over REST', async () => {
    const sid = await createChat();
    const visitor = await client(VISITOR);
    const conversation = await visitor.getConversationBySid(sid);
    expect((await conversation.getParticipants()).map((p) => p.identity)).toEqual([VISITOR]);

    const joined = nextEvent<[Participant]>(conversation, 'participantJoined');
    await agentJoins(sid);
    const [agent] = await joined;
    expect(agent.identity).toBe(AGENT);

    const user: User = await agent.getUser();
    const renamed = nextEvent<[{ user: User; updateReasons: string[] }]>(user, 'updated', ({ updateReasons }) => updateReasons.includes('friendlyName'));
    await emulator.client.conversations.v1.users(AGENT).update({ friendlyName: 'Grace (Support)' });
    expect((await renamed)[0].user.friendlyName).toBe('Grace (Support)');

    const left = nextEvent<[Participant]>(conversation, 'participantLeft');
    await emulator.client.conversations.v1.conversations(sid).participants(AGENT).remove();
    expect((await left)[0].identity).toBe(AGENT);
  });

  it('removing the visitor over REST fires conversationLeft', async () => {
    const sid = await createChat();
    const visitor = await client(VISITOR);
    const conversation = await open(visitor, sid);
    const left = nextEvent<[Conversation]>(visitor, 'conversationLeft');
    await emulator.client.conversations.v1.conversations(sid).participants(VISITOR).remove();
    expect((await left)[0].sid).toBe(conversation.sid);
  });

  it('deleting the conversation over REST fires conversationRemoved', async () => {
    const sid = await createChat();
    const visitor = await client(VISITOR);
    await open(visitor, sid);
    const removed = nextEvent<[Conversation]>(visitor, 'conversationRemoved');
    await emulator.client.conversations.v1.conversations(sid).remove();
    expect((await removed)[0].sid).toBe(sid);
  });
});

describe('typing and read horizon', () => {
  it('shows typing both ways between two SDK clients', async () => {
    const sid = await createChat();
    await agentJoins(sid);
    const visitorSide = await open(await client(VISITOR), sid);
    const agentSide = await open(await client(AGENT), sid);

    const agentSeesTyping = nextEvent<[Participant]>(agentSide, 'typingStarted');
    await visitorSide.typing();
    expect((await agentSeesTyping)[0].identity).toBe(VISITOR);

    const visitorSeesTyping = nextEvent<[Participant]>(visitorSide, 'typingStarted');
    await agentSide.typing();
    const [typist] = await visitorSeesTyping;
    expect(typist.identity).toBe(AGENT);
    // A message from the typist ends its indicator at once.
    const ended = nextEvent<[Participant]>(visitorSide, 'typingEnded');
    await agentSide.sendMessage('Here I am');
    expect((await ended)[0].identity).toBe(AGENT);
  });

  it('shares the read horizon both ways', async () => {
    const sid = await createChat(3);
    await agentJoins(sid);
    const visitorSide = await open(await client(VISITOR), sid);
    const agentSide = await open(await client(AGENT), sid);

    const agentSeesRead = nextEvent<[{ participant: Participant; updateReasons: string[] }]>(agentSide, 'participantUpdated', ({ participant, updateReasons }) => participant.identity === VISITOR && updateReasons.includes('lastReadMessageIndex'));
    await visitorSide.advanceLastReadMessageIndex(2);
    expect((await agentSeesRead)[0].participant.lastReadMessageIndex).toBe(2);
    const overRest = await emulator.client.conversations.v1.conversations(sid).participants(VISITOR).fetch();
    expect(overRest.lastReadMessageIndex).toBe(2);

    const visitorSeesRead = nextEvent<[{ participant: Participant; updateReasons: string[] }]>(visitorSide, 'participantUpdated', ({ participant, updateReasons }) => participant.identity === AGENT && updateReasons.includes('lastReadMessageIndex'));
    await emulator.client.conversations.v1.conversations(sid).participants(AGENT).update({ lastReadMessageIndex: 1 });
    expect((await visitorSeesRead)[0].participant.lastReadMessageIndex).toBe(1);
  });
});

describe('conversation state', () => {
  it('closing the conversation over REST fires updated with reason state', async () => {
    const sid = await createChat();
    const conversation = await open(await client(VISITOR), sid);
    const updated = nextEvent<[{ updateReasons: string[] }]>(conversation, 'updated', ({ updateReasons }) => updateReasons.includes('state'));
    await emulator.client.conversations.v1.conversations(sid).update({ state: 'closed' });
    await updated;
    expect(conversation.state?.current).toBe('closed');
  });
});
