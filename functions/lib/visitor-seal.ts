/**
 * The visitor's participant carries a seal only the Functions can make: an HMAC of the conversation
 * and the identity under a key derived from the API secret, in the participant's attributes. The
 * Functions that act on a visitor's chat trust a participant only with it. On Twilio, whether a
 * token may join a conversation or add participants is up to the service's roles
 * (https://www.twilio.com/docs/flex/admin-guide/setup/conversations/conversations-roles): setup takes
 * those permissions from the role visitors get, and this seal keeps a deployment safe whose roles
 * someone widened again. Copying a seal is useless: it names its own conversation and identity.
 */
import type { Twilio } from 'twilio';
import { attributesObject } from './attributes';
import type { FunctionsConfig } from './config';
import { keyedHash, sameHash } from './keyed-hash';
import { callTwilio } from './twilio-call';

/** The participant attribute; agents see it in Flex, and it tells them nothing. */
export const VISITOR_SEAL_ATTRIBUTE = 'webchat_visitor_seal';

function seal(apiSecret: string, conversationSid: string, identity: string): string {
  return keyedHash(apiSecret, 'webchat visitor participant v1', `${conversationSid}\n${identity}`);
}

/** Whether a participant's attributes carry the seal the Functions wrote for this conversation and identity. */
export function isSealedVisitor(config: Pick<FunctionsConfig, 'apiSecret'>, conversationSid: string, identity: string, attributes: string): boolean {
  const given = attributesObject(attributes)[VISITOR_SEAL_ATTRIBUTE];
  return typeof given === 'string' && sameHash(seal(config.apiSecret, conversationSid, identity), given);
}

/**
 * Seals the participant Flex created for the visitor, keeping any attributes it already has
 * (an update replaces them all: https://www.twilio.com/docs/conversations/api/conversation-participant-resource).
 * Twilio addresses a participant by its identity as well as its SID.
 */
export async function sealVisitor(client: Twilio, config: FunctionsConfig, conversationSid: string, identity: string): Promise<void> {
  const participant = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).participants(identity);
  const { attributes } = await callTwilio('read visitor participant', () => participant.fetch());
  const sealed = { ...attributesObject(attributes), [VISITOR_SEAL_ATTRIBUTE]: seal(config.apiSecret, conversationSid, identity) };
  await callTwilio('seal visitor participant', () => participant.update({ attributes: JSON.stringify(sealed) }));
}
