import type { ChatMedia, ChatMessage } from '../../../transport/chat-transport';
import { formatTime } from '../../format/dates';
import { MediaItem } from '../media-item/media-item';
import { memo } from '../memo';
import { MessageBody } from './message-body';
import { t } from '../../i18n/chat-texts';

interface Props {
  message: ChatMessage;
  mine: boolean;
  authorName: string;
  /** First message of a group: shows the author's name and the time. */
  showHeader: boolean;
  /** "Read" / "Sent" under the visitor's last message; null elsewhere. */
  receipt: 'read' | 'sent' | null;
  locale: string | undefined;
  getMediaUrl: (media: ChatMedia) => Promise<string>;
}

/** One message. Its text is rendered as elements from its Markdown (see message-body.tsx): never as HTML. */
function MessageItemView({ message, mine, authorName, showHeader, receipt, locale, getMediaUrl }: Props) {
  const time = formatTime(message.dateCreated, locale);
  return (
    <div class={`message ${mine ? 'mine' : 'theirs'}${showHeader ? ' first' : ''}`}>
      {showHeader ? (
        <div class="meta">
          <span class="author">{authorName}</span>
          <time dateTime={message.dateCreated.toISOString()}>{time}</time>
        </div>
      ) : (
        <span class="sr-only">
          {authorName}, {time}:
        </span>
      )}
      {message.body !== '' && (
        // Each message runs in its own text's direction, whatever the widget's language.
        <div class="bubble" dir="auto">
          <MessageBody body={message.body} />
        </div>
      )}
      {message.media.map((media) => (
        <MediaItem key={media.sid} media={media} getMediaUrl={getMediaUrl} />
      ))}
      {receipt !== null && <p class="receipt">{t(receipt)}</p>}
    </div>
  );
}

/** Renders again only when its message or how it is shown changed (see memo.tsx). */
export const MessageItem = memo(MessageItemView);
