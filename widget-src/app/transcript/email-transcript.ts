/**
 * Asks the emailTranscript Function to email the visitor the transcript. The request carries only
 * the chat's token and conversation: the Function sends to the address the visitor gave in the
 * form, which it reads from the conversation itself.
 */
import type { EmailTranscriptRequest } from '../../../contract/api';
import { isApiError } from '../../api/api-error';
import { post } from '../../api/client';
import { WidgetError } from '../../errors';
import { t } from '../i18n/chat-texts';
import type { ChatStore } from '../store/chat-store';

/** Resolves when the email was accepted; rejects with an error whose message is for the visitor. */
export async function emailTranscript(store: ChatStore): Promise<void> {
  const { session, api } = store.backend;
  if (session === null) throw new WidgetError('EMAIL_NOT_SENT', t('transcript.emailFailed'));
  const body: EmailTranscriptRequest = { token: session.token, conversationSid: session.conversationSid };
  try {
    await post((input, init) => fetch(input, init), `${api.serverUrl}/emailTranscript`, body);
  } catch (error) {
    const code = isApiError(error) ? error.code : null;
    const message = code === 'NO_EMAIL_ADDRESS' ? t('transcript.noEmail') : code === 'TOO_MANY_TRANSCRIPTS' ? t('transcript.emailLimit') : t('transcript.emailFailed');
    throw new WidgetError('EMAIL_NOT_SENT', message);
  }
}
