import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatMedia, ChatMessage } from '../../../transport/chat-transport';
import { dayKey, dayLabel } from '../../format/dates';
import { listedMessages } from '../../store/chat-events';
import { CONCIERGE } from '../../../../contract/languages';
import { MessageItem } from '../message-item/message-item';
import { t } from '../../i18n/chat-texts';

interface Props {
  messages: ChatMessage[];
  myIdentity: string | null;
  nameOf: (author: string) => string;
  firstUnreadIndex: number | null;
  othersReadIndex: number | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  open: boolean;
  locale: string | undefined;
  onLoadOlder: () => void;
  onAttention: (active: boolean) => void;
  getMediaUrl: (media: ChatMedia) => Promise<string>;
  /** Shown after the messages: the visitor's that have not arrived yet. */
  children?: ComponentChildren;
}

/** Messages this close in time (and by the same author) share one name/time header. */
const GROUP_GAP_MS = 5 * 60_000;
/** Pixels from the edge that still count as "at the bottom" / "at the top". */
const EDGE_PX = 32;

/**
 * The conversation as a `role="log"` live region: new messages are announced politely.
 * Scrolling to the top pages older messages in, keeping the visible ones in place; new messages
 * scroll into view only when the visitor was already at the bottom or wrote them. A visitor at the
 * bottom stays there whatever changes size later (a picture loading, the end panel shortening the
 * list); one who scrolled up is told that new messages came in below.
 */
export function MessageList(props: Props) {
  const { myIdentity, nameOf, firstUnreadIndex, othersReadIndex, open, locale, onLoadOlder, onAttention } = props;
  // Events of the chat (the visitor's own end notice) are no one's message to the visitor: see chat-events.ts.
  const messages = listedMessages(props.messages);
  const listRef = useRef<HTMLDivElement>(null);
  /** Whether the list follows its newest messages: set at the bottom, cleared only by scrolling up. */
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  const [away, setAway] = useState(false);
  const sizes = useRef<{ observer: ResizeObserver; seen: WeakSet<Element> } | null>(null);
  const previous = useRef<{ first: string | undefined; last: string | undefined; height: number; top: number }>({
    first: undefined,
    last: undefined,
    height: 0,
    top: 0,
  });

  const reportAttention = (): void => {
    onAttention(open && atBottom.current && document.visibilityState === 'visible');
  };

  function onScroll(): void {
    const el = listRef.current;
    if (el === null) return;
    // Content growing below (a picture, a message) moves nothing: only a move up leaves the bottom.
    if (el.scrollHeight - el.scrollTop - el.clientHeight <= EDGE_PX) atBottom.current = true;
    else if (el.scrollTop < lastTop.current) atBottom.current = false;
    lastTop.current = el.scrollTop;
    setAway(!atBottom.current);
    if (el.scrollTop <= EDGE_PX && props.hasOlder && !props.loadingOlder && !props.olderFailed) onLoadOlder();
    reportAttention();
  }

  // Runs after every render (no deps on purpose): it compares with the previous render to decide
  // how to scroll, before the browser paints, so the list never visibly jumps.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el === null) return;
    const before = previous.current;
    const first = messages[0]?.sid;
    const last = messages[messages.length - 1];
    const prepended = before.first !== undefined && first !== before.first && last?.sid === before.last;
    if (prepended) {
      // Older messages came in above: keep what the visitor was reading where it was.
      el.scrollTop = el.scrollHeight - before.height + before.top;
    } else if (last?.sid !== before.last && (atBottom.current || last?.author === myIdentity || before.last === undefined)) {
      const marker = before.last === undefined ? el.querySelector<HTMLElement>('.new-marker') : null;
      if (marker !== null) el.scrollTop = marker.offsetTop - EDGE_PX;
      else el.scrollTop = el.scrollHeight;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight <= EDGE_PX;
    }
    previous.current = { first, last: last?.sid, height: el.scrollHeight, top: el.scrollTop };
    // Every row is watched for size changes (ResizeObserver calls back before paint), and so is the list.
    sizes.current ??= { observer: new ResizeObserver(() => atBottom.current && el.scrollTo(0, el.scrollHeight)), seen: new WeakSet() };
    for (const row of [el, ...el.children]) {
      if (sizes.current.seen.has(row)) continue;
      sizes.current.seen.add(row);
      sizes.current.observer.observe(row);
    }
  });
  useEffect(() => () => sizes.current?.observer.disconnect(), []);

  function showNew(): void {
    const el = listRef.current;
    const marker = el?.querySelector('.new-marker');
    if (el && marker) el.scrollTop += marker.getBoundingClientRect().top - el.getBoundingClientRect().top - EDGE_PX;
  }

  // Attention depends on the panel and the tab too, not only on scrolling.
  useEffect(() => {
    const update = (): void => onAttention(open && atBottom.current && document.visibilityState === 'visible');
    update();
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, [open, onAttention, messages.length]);

  const lastMine = [...messages].reverse().find((m) => m.author === myIdentity);
  const now = new Date();
  const rows: ComponentChildren[] = [];
  let previousMessage: ChatMessage | undefined;
  for (const message of messages) {
    if (message.author === CONCIERGE) {
      // The chat service's own word (the welcome): a notice of the chat, not an agent speaking.
      rows.push(
        <p class="notice" key={message.sid} dir="auto">
          {message.body}
        </p>,
      );
      continue;
    }
    const newDay = previousMessage === undefined || dayKey(previousMessage.dateCreated) !== dayKey(message.dateCreated);
    if (newDay) {
      rows.push(
        <div class="separator" key={`day-${dayKey(message.dateCreated)}`}>
          <span>{dayLabel(message.dateCreated, now, locale)}</span>
        </div>,
      );
    }
    const marker = message.index === firstUnreadIndex;
    if (marker) {
      rows.push(
        <div class="new-marker" key="new-marker">
          <span>{t('newMessages')}</span>
        </div>,
      );
    }
    const showHeader =
      newDay ||
      marker ||
      previousMessage?.author !== message.author ||
      message.dateCreated.getTime() - previousMessage.dateCreated.getTime() > GROUP_GAP_MS;
    const receipt =
      message === lastMine ? (othersReadIndex !== null && othersReadIndex >= message.index ? 'read' : 'sent') : null;
    rows.push(
      <MessageItem
        key={message.sid}
        message={message}
        mine={message.author === myIdentity}
        authorName={nameOf(message.author)}
        showHeader={showHeader}
        receipt={receipt}
        locale={locale}
        getMediaUrl={props.getMediaUrl}
      />,
    );
    previousMessage = message;
  }

  return (
    <div class="messages" ref={listRef} onScroll={onScroll} role="log" aria-label={t('messages')} tabIndex={0}>
      {props.hasOlder && (
        <div class="older">
          {props.loadingOlder ? (
            <span role="status">{t('loadingOlder')}</span>
          ) : (
            <button type="button" class="link-button" onClick={onLoadOlder}>
              {t(props.olderFailed ? 'olderFailed' : 'showOlder')}
            </button>
          )}
        </div>
      )}
      {rows}
      {props.children}
      {away && firstUnreadIndex !== null && (
        <button type="button" class="primary new-below" onClick={showNew}>
          {t('newMessages')} <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
