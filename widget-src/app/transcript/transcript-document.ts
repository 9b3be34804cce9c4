/**
 * The conversation as the widget shows it, turned into a transcript document (contract/transcript.ts):
 * the messages its list shows (no end notice meant for the agent, store/chat-events.ts), names
 * through the widget's display-name logic, times in the widget's locale, the document's own words
 * in the widget's language.
 */
import type { TranscriptDocument, TranscriptTexts } from '../../../contract/transcript';
import { t } from '../i18n/chat-texts';
import type { ChatMessage } from '../../transport/chat-transport';
import { listedMessages } from '../store/chat-events';

/**
 * The date and the time: a transcript is read long after the chat, when "10:42" alone says little.
 * The locale is the widget's (AppConfig.locale, else the browser's), like format/dates.ts.
 */
export function transcriptDocument(conversation: readonly ChatMessage[], nameOf: (author: string) => string, locale: string | undefined): TranscriptDocument {
  const messages = listedMessages(conversation);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const first = messages[0];
  return {
    // The language Intl actually used, so `lang` matches the dates in the file.
    lang: format.resolvedOptions().locale,
    subtitle: first === undefined ? '' : format.format(first.dateCreated),
    lines: messages.map((message) => ({
      name: nameOf(message.author),
      time: format.format(message.dateCreated),
      isoTime: message.dateCreated.toISOString(),
      body: message.body,
      files: message.media.map((media) => media.filename),
    })),
  };
}

export function transcriptTexts(): TranscriptTexts {
  return {
    title: t('transcript.title'),
    attachment: t('transcript.attachment'),
    messageCount: (count) => t('transcript.messageCount', { count }),
  };
}
