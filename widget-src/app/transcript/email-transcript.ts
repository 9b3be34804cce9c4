/**
 * Asks the emailTranscript Function to email the visitor the transcript. The request carries only
 * the chat's token and conversation: the Function sends to the address the visitor gave in the
 * form, which it reads from the conversation itself.
 */
import type { EmailTranscriptRequest } from '../../../contract/api';
import { TRANSCRIPT_TEXTS } from '../../../contract/transcript-texts';
import { isApiError } from '../../api/api-error';
import { post } from '../../api/client';
import { WidgetError } from '../../errors';
import type { ChatStore } from '../store/chat-store';

/** Resolves when the email was accepted; rejects with an error whose message is for the visitor. */
export async function emailTranscript(store: ChatStore): Promise<void> {
  const { session, api } = store.backend;
  if (session === null) throw new WidgetError('EMAIL_NOT_SENT', TRANSCRIPT_TEXTS.emailFailed);
  const body: EmailTranscriptRequest = { token: session.token, conversationSid: session.conversationSid };
  try {
    await post((input, init) => fetch(input, init), `${api.serverUrl}/emailTranscript`, body);
  } catch (error) {
    const code = isApiError(error) ? error.code : null;
    const message = code === 'NO_EMAIL_ADDRESS' ? TRANSCRIPT_TEXTS.noEmail : code === 'TOO_MANY_TRANSCRIPTS' ? TRANSCRIPT_TEXTS.emailLimit : TRANSCRIPT_TEXTS.emailFailed;
    throw new WidgetError('EMAIL_NOT_SENT', message);
  }
}
