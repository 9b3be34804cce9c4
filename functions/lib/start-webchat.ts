import type { Twilio } from 'twilio';
import { CONCIERGE, type Language } from '../../contract/languages';
import type { FunctionsConfig } from './config';
import { UpstreamError } from './errors';
import type { Deadline } from './deadline';
import type { Logger } from './logger';
import { claimStartKey, noteChat, type StartClaim } from './earlier-start';
import { preEngagementJson, type PreEngagement } from './pre-engagement';
import type { StartKey } from './start-key';
import { mintToken } from './tokens';
import { callTwilio, upstreamError } from './twilio-call';
import { sealVisitor } from './visitor-seal';
import { welcomeFor } from './welcome';

export interface StartedWebchat {
  token: string;
  conversationSid: string;
  identity: string;
  expiration: string;
}

/** Kept free while creating the chat and posting the question, so an unfinished chat can always be closed. */
const CLOSE_RESERVE_MS = 1_500;

/**
 * Creates the Flex web chat, then posts the visitor's question (which starts the Studio flow) and
 * the welcome, in that order, all before answering: Twilio stops a Function once it answers.
 *
 * Everything runs inside the invocation's deadline. The create may use most of it: a create that
 * Twilio completes after we stopped waiting would leave a chat nobody was told about, so waiting
 * is the better failure. Should Twilio be slower still, the start key lets the widget's retry find
 * that chat and carry on with it (earlier-start.ts). If the question cannot be posted, the new
 * conversation is closed and the call fails, so the visitor retries with their question instead of
 * sitting in a chat no agent will ever see. A failed welcome only logs: the chat itself works.
 * `verified` is what the site vouches for a signed-in visitor (signed-in-visitor.ts).
 */
export async function startWebchat(
  client: Twilio,
  config: FunctionsConfig,
  form: PreEngagement,
  startKey: StartKey | null,
  origin: string,
  deadline: Deadline,
  log: Logger,
  verified: Record<string, unknown> = {},
  /** The language the visitor reads: the welcome's, kept in the chat's attributes for what is sent later. */
  language: Language = 'en',
): Promise<StartedWebchat> {
  const customerName = form.friendlyName ?? 'Customer';
  const claim: StartClaim =
    startKey === null
      ? { earlier: null, record: null }
      : await deadline.keeping(CLOSE_RESERVE_MS, () => claimStartKey(client, config, startKey, origin, CONCIERGE, new Date()));
  const { earlier, record } = claim;
  // Only a recorded start carries its hash: a late chat is recognized by it.
  const preEngagementData = preEngagementJson(form, record === null ? undefined : startKey?.hash, verified, language);
  const { conversationSid, identity } =
    earlier ??
    (await deadline.keeping(CLOSE_RESERVE_MS, () =>
      callTwilio('create web chat', () =>
        client.flexApi.v2.webChannels.create({
          addressSid: config.addressSid,
          chatFriendlyName: `Chat with ${customerName}`,
          customerFriendlyName: customerName,
          preEngagementData,
        }),
      ),
    ));
  if (record !== null && startKey !== null) await noteChat(client, config, startKey, record, { conversationSid, identity }, log);
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid);
  log.info(earlier === null ? 'web chat created' : 'carrying on with the chat an earlier attempt created', { conversationSid });

  // Without the seal the visitor could not renew, end or email this chat: a start that cannot seal fails.
  try {
    await deadline.keeping(CLOSE_RESERVE_MS, () => sealVisitor(client, config, conversationSid, identity));
  } catch (error) {
    const failure = error instanceof UpstreamError ? error : upstreamError('seal visitor participant', error);
    await closeAbandoned(conversation, conversationSid, failure, log);
    throw failure;
  }

  if (form.query !== null && earlier?.questionPosted !== true) {
    const query = form.query;
    try {
      await deadline.keeping(CLOSE_RESERVE_MS, () =>
        callTwilio('post question', () => conversation.messages.create({ author: identity, body: query, xTwilioWebhookEnabled: 'true' })),
      );
    } catch (error) {
      const failure = error instanceof UpstreamError ? error : upstreamError('post question', error);
      await closeAbandoned(conversation, conversationSid, failure, log);
      throw new UpstreamError(
        failure.status as 502 | 503 | 504,
        'QUESTION_NOT_DELIVERED',
        'Your question could not be delivered, so the chat was not started. Please try again.',
        failure.operation,
        failure.twilioCode,
        error,
      );
    }
  }

  const welcome = welcomeFor(config.welcomeMessage, language, form.friendlyName);
  if (welcome !== '' && earlier?.welcomePosted !== true) {
    try {
      await callTwilio('post welcome', () => conversation.messages.create({ author: CONCIERGE, body: welcome, xTwilioWebhookEnabled: 'false' }));
    } catch (error) {
      const failure = error instanceof UpstreamError ? error : upstreamError('post welcome', error);
      log.warn('welcome message not posted; the chat goes on without it', { conversationSid, twilioCode: failure.twilioCode, code: failure.code });
    }
  }

  return { conversationSid, identity, ...mintToken(config, identity) };
}

type ConversationHandle = ReturnType<ReturnType<Twilio['conversations']['v1']['services']>['conversations']>;

async function closeAbandoned(conversation: ConversationHandle, conversationSid: string, failure: UpstreamError, log: Logger): Promise<void> {
  try {
    await callTwilio('close conversation', () => conversation.update({ state: 'closed' }));
    log.error(`chat not started (${failure.operation} failed); conversation closed`, { conversationSid, code: failure.code, twilioCode: failure.twilioCode });
  } catch (closeError) {
    log.error(`chat not started (${failure.operation} failed) and the conversation could not be closed: close it by hand`, {
      conversationSid,
      code: failure.code,
      twilioCode: failure.twilioCode,
      closeCode: closeError instanceof UpstreamError ? closeError.code : 'UNKNOWN',
    });
  }
}
