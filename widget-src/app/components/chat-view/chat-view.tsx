import type { TargetedDragEvent } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ChatMedia } from '../../../transport/chat-transport';
import type { AppConfig } from '../../settings/app-config';
import type { ChatState } from '../../store/chat-state';
import type { ChatStore } from '../../store/chat-store';
import { displayName } from '../../format/display-name';
import { Composer } from '../composer/composer';
import { ConnectionBanner } from '../connection-banner/connection-banner';
import { EndChat } from '../end-chat/end-chat';
import { MessageList } from '../message-list/message-list';
import { TranscriptActions, TranscriptMenu } from '../transcript-menu/transcript-menu';
import { PendingMessages } from '../pending-messages/pending-messages';
import { useOutbox } from '../../outbox/use-outbox';
import { addFiles } from '../../store/file-sending';
import { useFocusWhenOpen } from '../use-focus-when-open';
import { t } from '../../i18n/chat-texts';
import { joinNames } from '../../format/names-list';
import { LazyRating } from '../../rating/lazy-rating';

export interface ChatViewProps {
  store: ChatStore;
  state: ChatState;
  config: AppConfig;
  open: boolean;
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/** The conversation: "End chat", banner, messages, who is typing, and the composer or the "ended" footer. */
export function ChatView({ store, state, config, open }: ChatViewProps) {
  const [dragging, setDragging] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  const ended = state.phase === 'ended';
  useFocusWhenOpen(startRef, open && ended);

  const { identity, knownNames } = state;
  const nameOf = useCallback(
    (author: string) => displayName(author, identity, knownNames, config.names),
    [identity, knownNames, config.names],
  );
  const onAttention = useCallback((active: boolean) => store.setAttention(active), [store]);
  const onLoadOlder = useCallback(() => void store.loadOlder(), [store]);
  const getMediaUrl = useCallback((media: ChatMedia) => store.getMediaUrl(media), [store]);
  const onEnd = useCallback(() => store.endChat(), [store]);
  const outbox = useOutbox(store, state);
  // Back online, the SDK tries at once by itself (twilsock listens to the window's online event).
  useEffect(() => {
    const visible = (): void => {
      if (document.visibilityState === 'visible') store.reconnect();
    };
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, [store]);

  const acceptsDrop = config.attachments.enabled && !ended;
  const dragProps = acceptsDrop
    ? {
        onDragOver: (event: TargetedDragEvent<HTMLDivElement>) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setDragging(true);
        },
        onDragLeave: (event: TargetedDragEvent<HTMLDivElement>) => {
          // dragleave also fires when moving between children: only leaving the whole view counts.
          const to = event.relatedTarget;
          if (!(to instanceof Node) || !event.currentTarget.contains(to)) setDragging(false);
        },
        onDrop: (event: TargetedDragEvent<HTMLDivElement>) => {
          event.preventDefault();
          setDragging(false);
          addFiles(store.files, [...(event.dataTransfer?.files ?? [])]);
        },
      }
    : {};

  const typingNames = state.typing.map(nameOf);
  return (
    <div class="chat" {...dragProps}>
      {!ended && <EndChat endStatus={state.endStatus} onEnd={onEnd} />}
      <ConnectionBanner banner={state.banner} />
      {!ended && <TranscriptMenu store={store} config={config} nameOf={nameOf} />}
      <MessageList
        messages={state.messages}
        myIdentity={identity}
        nameOf={nameOf}
        firstUnreadIndex={state.firstUnreadIndex}
        othersReadIndex={state.othersReadIndex}
        hasOlder={state.hasOlder}
        loadingOlder={state.loadingOlder}
        olderFailed={state.olderFailed}
        open={open}
        locale={config.locale}
        onLoadOlder={onLoadOlder}
        onAttention={onAttention}
        getMediaUrl={getMediaUrl}
      >
        {outbox !== null && <PendingMessages outbox={outbox} connected={store.link !== null} />}
      </MessageList>
      <div class="typing" aria-live="polite">
        {typingNames.length === 0 ? null : t('typing', { names: joinNames(typingNames, config.locale), count: typingNames.length })}
      </div>
      {ended ? (
        <div class="ended">
          <p role="status">{state.endedBy === 'visitor' ? t('endChat.endedByVisitor') : t('ended')}</p>
          <LazyRating store={store} />
          <button type="button" class="primary" ref={startRef} onClick={() => void store.startNew()}>
            {t('startNew')}
          </button>
          <TranscriptActions store={store} config={config} nameOf={nameOf} />
        </div>
      ) : (
        outbox !== null && <Composer store={store} state={state} config={config} open={open} outbox={outbox} />
      )}
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          {t('drop')}
        </div>
      )}
    </div>
  );
}
