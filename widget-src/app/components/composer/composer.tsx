import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppConfig } from '../../settings/app-config';
import type { ChatState } from '../../store/chat-state';
import type { ChatStore } from '../../store/chat-store';
import type { Outbox } from '../../outbox/outbox';
import { addFiles, removeFile, sendFiles } from '../../store/file-sending';
import { AttachmentChips } from '../attachment-chips/attachment-chips';
import { ATTACH_ICON, Icon, SEND_ICON } from '../icon';
import { useFocusWhenOpen } from '../use-focus-when-open';
import { t } from '../../i18n/chat-texts';

/** Resolves once the outbox has nothing on its way (sent, or failed and left to the visitor): files follow the text before them. */
function settled(outbox: Outbox): Promise<void> {
  return new Promise((done) => {
    const check = (): void => {
      if (!outbox.pending.every((message) => message.state === 'failed' || message.state === 'unsent')) return;
      stop();
      done();
    };
    const stop = outbox.subscribe(check);
    check();
  });
}

interface Props {
  store: ChatStore;
  state: ChatState;
  config: AppConfig;
  open: boolean;
  /** Where text goes, connected or not; files still need the connection. */
  outbox: Outbox;
}

/**
 * Text box, attach button and send button. Enter sends, Shift+Enter breaks the line. While the
 * connection is down text can still be typed and sent: it waits in the outbox, and what is typed
 * is kept there as the draft, so a reload loses neither. Files wait for the connection.
 */
export function Composer({ store, state, config, open, outbox }: Props) {
  const { draft } = outbox;
  const [text, setText] = useState(draft);
  // A draft adopted from a page that is gone (a reload) arrives after the composer shows. Read as the
  // effect runs, not as it was scheduled: typing keeps the outbox's draft current, so this never
  // undoes what was typed since.
  useEffect(() => setText(outbox.draft), [outbox, draft]);
  const [full, setFull] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useFocusWhenOpen(textRef, open);
  const connected = state.phase === 'chat' && state.connection === 'connected';
  const { attachments: settings, maxMessageLength } = config;
  const files = state.attachments.length > 0;
  const empty = text.trim() === '' && !files;
  const edit = (value: string): void => {
    setText(value);
    outbox.setDraft(value);
  };

  async function send(): Promise<void> {
    if (empty || state.sending || (files && !connected)) return;
    // Text and files go as messages of their own (Flex takes no text beside a file): the text
    // first, through the outbox like any text, then each file in order.
    if (text.trim() !== '') {
      const queued = outbox.send(text.trim());
      setFull(!queued);
      if (!queued) return;
      setText('');
    }
    if (files) {
      await settled(outbox);
      await sendFiles(store.files);
      textRef.current?.focus();
    }
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  function onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    addFiles(store.files, files);
  }

  function onFiles(event: TargetedEvent<HTMLInputElement>): void {
    addFiles(store.files, [...(event.currentTarget.files ?? [])]);
    // Reset so picking the same file again still fires a change.
    event.currentTarget.value = '';
  }

  const errors = [...state.attachmentErrors, ...(state.sendError === null ? [] : [state.sendError]), ...(full ? [t('outbox.full')] : [])];
  const nearLimit = text.length > maxMessageLength * 0.8;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {errors.length > 0 && (
        <div class="composer-errors" role="alert">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      )}
      <AttachmentChips files={state.attachments} onRemove={(id) => removeFile(store.files, id)} onRetry={() => void sendFiles(store.files)} />
      <div class="composer-row">
        {settings.enabled && (
          <>
            <input
              ref={fileRef}
              type="file"
              hidden
              multiple={settings.maxFiles > 1}
              accept={settings.acceptedExtensions.map((ext) => `.${ext}`).join(',')}
              onChange={onFiles}
              tabIndex={-1}
              aria-hidden="true"
            />
            <button
              type="button"
              class="icon-button attach"
              aria-label={t('attach')}
              disabled={!connected || state.sending}
              onClick={() => fileRef.current?.click()}
            >
              <Icon path={ATTACH_ICON} />
            </button>
          </>
        )}
        <label class="sr-only" for="twc-composer">
          {t('message')}
        </label>
        <textarea
          ref={textRef}
          id="twc-composer"
          rows={1}
          dir="auto"
          value={text}
          maxLength={maxMessageLength}
          placeholder={t(connected ? 'placeholder' : 'waiting')}
          aria-describedby={nearLimit ? 'twc-counter' : undefined}
          onInput={(event) => {
            edit(event.currentTarget.value);
            store.typing();
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" class="icon-button send" aria-label={t('send')} disabled={state.sending || empty || (files && !connected)}>
          <Icon path={SEND_ICON} />
        </button>
      </div>
      {nearLimit && (
        <p class="counter" id="twc-counter">
          {t('counter', { length: text.length, count: maxMessageLength })}
        </p>
      )}
    </form>
  );
}
