/**
 * Asks the emailTranscript Function to email the visitor the transcript. The request carries only
 * the chat's token and conversation, and the code the visitor typed: the Function sends to the
 * address the visitor gave in the form, which it reads from the conversation itself, and only once
 * a code it emailed there was typed back (before that, it emails the code).
 */
import type { EmailTranscriptRequest } from '../../../contract/api';
import { isApiError } from '../../api/api-error';
import { WidgetError } from '../../errors';
import { t } from '../i18n/chat-texts';
import type { ChatStore } from '../store/chat-store';

/**
 * Resolves with the address a code was emailed to, or with null once the transcript itself was
 * sent; rejects with an error whose message is for the visitor.
 */
export async function emailTranscript(store: ChatStore, code?: string): Promise<string | null> {
  const { session, api } = store.backend;
  if (session === null) throw new WidgetError('EMAIL_NOT_SENT', t('transcript.emailFailed'));
  const body: EmailTranscriptRequest = { token: session.token, conversationSid: session.conversationSid, code };
  try {
    const answer = await api.emailTranscript(body);
    return answer.sent === 'code' ? String(answer.to) : null;
  } catch (error) {
    const failed: string = isApiError(error) ? error.code : '';
    // Limits on transcripts and on codes are told alike; a code refused for whatever reason asks for another try.
    const text = failed === 'NO_EMAIL_ADDRESS' ? 'noEmail' : failed.startsWith('TOO_MANY') ? 'emailLimit' : /CODE|FIELD/.test(failed) ? 'codeWrong' : 'emailFailed';
    throw new WidgetError('EMAIL_NOT_SENT', t(`transcript.${text}`));
  }
}
