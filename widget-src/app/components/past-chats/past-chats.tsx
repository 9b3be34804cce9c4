/**
 * A signed-in visitor's earlier chats, newest first, a page at a time, and any one of them read back
 * as a transcript: the Functions read them (ended chats are out of the SDK's reach), only this
 * visitor's. In the chat-view chunk, fetched when the visitor asks for the list (past-chats-entry.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { TranscriptDocument } from '../../../../contract/transcript';
import type { VisitorChatsAnswer } from '../../../../contract/api';
import type { WebchatApi } from '../../../api/client';
import { t, textLocale } from '../../i18n/translate';

export interface PastChatsProps {
  api: Pick<WebchatApi, 'visitorChats' | 'visitorTranscript'>;
  onBack: () => void;
}

type Listed = VisitorChatsAnswer['chats'];

export function PastChats({ api, onBack }: PastChatsProps) {
  const [chats, setChats] = useState<Listed | null>(null);
  const [nextPage, setNextPage] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [reading, setReading] = useState<TranscriptDocument | null>(null);
  const load = (page: number): void => {
    api.visitorChats(page).then(
      (answer) => {
        setChats((shown) => [...(shown ?? []), ...answer.chats]);
        setNextPage(answer.nextPage);
      },
      () => setFailed(true),
    );
  };
  // The first page once, when the list is opened.
  useEffect(() => load(0), [api]);
  const open = (conversationSid: string): void => {
    api.visitorTranscript(conversationSid).then((answer) => setReading(answer.transcript), () => setFailed(true));
  };
  const date = new Intl.DateTimeFormat(textLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section class="past-chats" aria-labelledby="twc-past-title">
      <button type="button" class="secondary" onClick={reading === null ? onBack : () => setReading(null)}>
        {t('pastBack')}
      </button>
      <h2 id="twc-past-title">{reading === null ? t('pastChats') : reading.subtitle}</h2>
      {failed && <p role="alert">{t('pastFailed')}</p>}
      {reading !== null ? (
        <ol class="past-transcript">
          {reading.lines.map((line, index) => (
            <li key={index}>
              <strong>{line.name}</strong> <time dateTime={line.isoTime}>{line.time}</time>
              <p dir="auto">{[line.body, ...line.files].filter(Boolean).join('\n')}</p>
            </li>
          ))}
        </ol>
      ) : chats === null ? (
        !failed && <p>{t('loading')}</p>
      ) : chats.length === 0 ? (
        <p>{t('pastNone')}</p>
      ) : (
        <ul class="past-list">
          {chats.map((chat) => (
            <li key={chat.conversationSid}>
              <button type="button" class="link-button" onClick={() => open(chat.conversationSid)}>
                {date.format(new Date(chat.startedAt))}
              </button>
            </li>
          ))}
        </ul>
      )}
      {reading === null && nextPage !== null && (
        <button type="button" class="secondary" onClick={() => load(nextPage)}>
          {t('pastMore')}
        </button>
      )}
    </section>
  );
}
