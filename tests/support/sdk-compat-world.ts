/**
 * The world of the Conversations SDK compatibility suites (tests/integration/conversations-sdk-compat-*):
 * an emulator reset before each test, SDK clients shut down after it, and a chat as Flex creates
 * it, with the agent played over REST through the real `twilio` library.
 */
import { afterEach } from '@jest/globals';
import type { Client, Conversation } from '@twilio/conversations';
import { connect } from './conversations-sdk';
import { accessToken, useEmulator, type EmulatorUnderTest } from './twilio-at-emulator';

export const VISITOR = 'visitor-identity';
export const AGENT = 'agent-identity';
export const PRE_ENGAGEMENT = { friendlyName: 'Ada', question: 'Where is my order?' };

export interface SdkCompatWorld {
  emulator: EmulatorUnderTest;
  /** A client of this test that has a token for `identity`, not waited for. */
  track: (chatClient: Client) => Client;
  /** An initialised client of this test. */
  client: (identity: string) => Promise<Client>;
  /** A chat as Flex creates it: the visitor, pre-engagement data in the attributes, a few messages. */
  createChat: (messageCount?: number) => Promise<string>;
  /**
   * Opens a conversation the way the widget does: the snapshot, then the first page of messages and
   * the participants. Until those are loaded the SDK has not subscribed to the conversation's
   * messages and roster, and a message sent before that never comes back as messageAdded.
   */
  open: (chatClient: Client, conversationSid: string) => Promise<Conversation>;
  agentJoins: (conversationSid: string) => Promise<void>;
}

/** Call at the top of a suite, like useEmulator(), whose hooks it registers. */
export function useSdkCompatWorld(): SdkCompatWorld {
  const emulator = useEmulator();
  /** This test's clients: shut down after it, so no test sees another's sockets or faults. */
  let clients: Client[] = [];

  // useEmulator() resets the emulator (state, faults, sockets) before each test.
  afterEach(async () => {
    await Promise.all(clients.map((chatClient) => chatClient.shutdown()));
    clients = [];
  });

  function track(chatClient: Client): Client {
    clients.push(chatClient);
    return chatClient;
  }

  return {
    emulator,
    track,
    client: async (identity) => track(await connect(emulator.url, accessToken(identity))),
    async createChat(messageCount = 0) {
      const conversation = await emulator.client.conversations.v1.conversations.create({
        friendlyName: 'Chat with Ada',
        attributes: JSON.stringify({ pre_engagement_data: PRE_ENGAGEMENT }),
      });
      await emulator.client.conversations.v1.conversations(conversation.sid).participants.create({ identity: VISITOR });
      for (let i = 0; i < messageCount; i += 1) {
        await emulator.client.conversations.v1.conversations(conversation.sid).messages.create({ author: AGENT, body: `message ${i}` });
      }
      return conversation.sid;
    },
    async open(chatClient, conversationSid) {
      const conversation = await chatClient.getConversationBySid(conversationSid);
      await conversation.getMessages();
      await conversation.getParticipants();
      return conversation;
    },
    async agentJoins(conversationSid) {
      await emulator.client.conversations.v1.conversations(conversationSid).participants.create({ identity: AGENT });
    },
  };
}
