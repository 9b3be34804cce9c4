/**
 * Errors in the shape Twilio's REST API answers with, so callers (twilio-node's RestException,
 * our Functions' error mapping) see exactly what production would send them.
 */

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwilioError';
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** 20404: what Twilio answers for any unknown path or sid, naming the path that was asked for. */
export function notFound(path: string): TwilioError {
  return new TwilioError(404, 20404, `The requested resource ${path} was not found`);
}

/** 20003: missing or wrong Basic credentials. */
export function authenticationFailed(): TwilioError {
  return new TwilioError(401, 20003, 'Authenticate');
}

/** 20001: Twilio's generic code for a missing or malformed request parameter. */
export function invalidParameter(message: string): TwilioError {
  return new TwilioError(400, 20001, message);
}

export function missingParameter(name: string): TwilioError {
  return invalidParameter(`Missing required parameter ${name} in the post body`);
}

/** 20004: a known path asked with a method it does not serve. */
export function methodNotAllowed(method: string): TwilioError {
  return new TwilioError(405, 20004, `Method ${method} not allowed`);
}

/**
 * Conversations codes other than the length limits (store/conversation-limits.ts), from Twilio's error
 * pages (https://www.twilio.com/docs/api/errors/<code>); the OpenAPI descriptions list no errors.
 */
export const ConversationsErrorCode = {
  userAlreadyExists: 50201,
  conversationUniqueNameTaken: 50353,
  /** "Can't update conversation as it's in final closed state" (50350 is "Conversation not found"). */
  conversationClosed: 50377,
  participantAlreadyExists: 50433,
  /** The SDK's caller acted on a conversation it is not a participant of. */
  callerNotParticipant: 50400,
  /** "User unauthorized for command": the caller's roles lack the permission (https://www.twilio.com/docs/api/errors/50107). */
  roleForbids: 50107,
} as const;
