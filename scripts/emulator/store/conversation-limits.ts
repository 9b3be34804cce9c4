/**
 * The length limits Twilio documents for Conversations, and the error each one answers with.
 *
 * Limits: https://www.twilio.com/docs/conversations/conversations-limits ("Length limits") and
 * https://www.twilio.com/docs/conversations/attributes (attributes per resource). "KB" there is read
 * as 1024 bytes of UTF-8, the size of the string Twilio stores; "characters" as UTF-16 code units,
 * what a JavaScript string's length counts and what the twilio-node caller measures.
 *
 * Codes: the Conversations error pages (https://www.twilio.com/docs/api/errors/<code>). Where
 * Twilio publishes no code for a limit (message, participant and user attributes too long, a
 * participant identity too long), the emulator answers Twilio's generic 400 code 20001.
 */
import { TwilioError, invalidParameter } from '../twilio-errors';

const KB = 1024;

/** Conversation attributes: 16 KB. */
export const MAX_CONVERSATION_ATTRIBUTES_BYTES = 16 * KB;
/** Message attributes: 4 KB (the attributes page says 4 KiB). */
export const MAX_MESSAGE_ATTRIBUTES_BYTES = 4 * KB;
/** Participant attributes: 4 KB. */
export const MAX_PARTICIPANT_ATTRIBUTES_BYTES = 4 * KB;
/** User attributes: 16 KB (attributes page). */
export const MAX_USER_ATTRIBUTES_BYTES = 16 * KB;
/** Chat message body: 32 KB. 1,600 characters is the SMS and WhatsApp limit, not chat's. */
export const MAX_CHAT_BODY_BYTES = 32 * KB;
/** Conversation friendly name: 256 characters. */
export const MAX_FRIENDLY_NAME_LENGTH = 256;
/** Participant identity: 256 characters; also a User's, since a chat participant's identity is its User's. */
export const MAX_IDENTITY_LENGTH = 256;

export const LimitErrorCode = {
  /** https://www.twilio.com/docs/api/errors/50003 Friendly name too long. */
  friendlyNameTooLong: 50003,
  /** https://www.twilio.com/docs/api/errors/50207 Identity too long (a User's identity). */
  userIdentityTooLong: 50207,
  /** https://www.twilio.com/docs/api/errors/50303 Attributes too long (a conversation's). */
  conversationAttributesTooLong: 50303,
  /** https://www.twilio.com/docs/api/errors/50304 Attributes not valid JSON. */
  conversationAttributesNotJson: 50304,
  /** https://www.twilio.com/docs/api/errors/50390 Unique name should not match conversation sid pattern. */
  uniqueNameLooksLikeSid: 50390,
  /** https://www.twilio.com/docs/api/errors/50504 Message body parameter is too long. */
  messageBodyTooLong: 50504,
  /** https://www.twilio.com/docs/api/errors/45731 Flex: Pre-engagement data too large (over 16KB). */
  preEngagementDataTooLarge: 45731,
} as const;

export type AttributesOwner = 'conversation' | 'message' | 'participant' | 'user';

const MAX_ATTRIBUTES_BYTES: Record<AttributesOwner, number> = {
  conversation: MAX_CONVERSATION_ATTRIBUTES_BYTES,
  message: MAX_MESSAGE_ATTRIBUTES_BYTES,
  participant: MAX_PARTICIPANT_ATTRIBUTES_BYTES,
  user: MAX_USER_ATTRIBUTES_BYTES,
};

function attributesError(owner: AttributesOwner, tooLong: boolean, message: string): TwilioError {
  if (owner !== 'conversation') return invalidParameter(message);
  const code = tooLong ? LimitErrorCode.conversationAttributesTooLong : LimitErrorCode.conversationAttributesNotJson;
  return new TwilioError(400, code, message);
}

/** Returns `value` when it is JSON within its owner's size limit. */
export function checkAttributes(owner: AttributesOwner, value: string): string {
  const limit = MAX_ATTRIBUTES_BYTES[owner];
  if (Buffer.byteLength(value) > limit) throw attributesError(owner, true, `Attributes exceed ${limit} bytes`);
  try {
    JSON.parse(value);
  } catch {
    throw attributesError(owner, false, 'Attributes not valid JSON');
  }
  return value;
}

export function checkBody(body: string | undefined): void {
  if (body !== undefined && Buffer.byteLength(body) > MAX_CHAT_BODY_BYTES) {
    throw new TwilioError(400, LimitErrorCode.messageBodyTooLong, `Body exceeds ${MAX_CHAT_BODY_BYTES} bytes`);
  }
}

export function checkFriendlyName(name: string | undefined): void {
  if (name !== undefined && name.length > MAX_FRIENDLY_NAME_LENGTH) {
    throw new TwilioError(400, LimitErrorCode.friendlyNameTooLong, `FriendlyName exceeds ${MAX_FRIENDLY_NAME_LENGTH} characters`);
  }
}

/** A unique name shaped like a conversation sid would make addressing by name ambiguous. */
export function checkConversationUniqueName(uniqueName: string | undefined): void {
  if (uniqueName !== undefined && /^CH[0-9a-f]{32}$/.test(uniqueName)) {
    throw new TwilioError(400, LimitErrorCode.uniqueNameLooksLikeSid, 'UniqueName must not match the conversation sid pattern');
  }
}

export function checkIdentity(owner: 'participant' | 'user', identity: string | undefined): void {
  if (identity === undefined || identity.length <= MAX_IDENTITY_LENGTH) return;
  const message = `Identity exceeds ${MAX_IDENTITY_LENGTH} characters`;
  throw owner === 'user' ? new TwilioError(400, LimitErrorCode.userIdentityTooLong, message) : invalidParameter(message);
}
