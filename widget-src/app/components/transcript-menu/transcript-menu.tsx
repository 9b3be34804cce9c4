import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { WidgetError } from '../../../errors';
import { t } from '../../i18n/chat-texts';
import type { AppConfig } from '../../settings/app-config';
import type { ChatStore } from '../../store/chat-store';
import { downloadFile, transcriptFileName } from '../../transcript/download-file';
import { emailTranscript } from '../../transcript/email-transcript';
import { loadTranscriptBuilder } from '../../transcript/load-transcript';
import { transcriptDocument, transcriptTexts } from '../../transcript/transcript-document';
import { wholeConversation } from '../../transcript/whole-conversation';

interface Props {
  store: ChatStore;
  config: AppConfig;
  nameOf: (author: string) => string;
}

const FILE_TYPES = { txt: 'text/plain;charset=utf-8', html: 'text/html;charset=utf-8' } as const;

/**
 * Download the whole conversation as text or as a web page, and, when the deployment sends email,
 * have it emailed. Buttons stay focusable while busy (aria-disabled), so keyboard focus is not lost;
 * the outcome is announced in a status line. The builder is a chunk of its own, fetched for the
 * first download (or when the menu opens); a failed fetch is told like any failure, and retried
 * by the next click. Until the visitor's address is proven, "Email me the transcript" has a code
 * emailed there instead: a field for it appears, with focus, and the transcript follows the code.
 */
export function TranscriptActions({ store, config, nameOf }: Props) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  /** Where the code went, while the visitor is to type it (a new object for each code sent). */
  const [code, setCode] = useState<{ to: string } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLButtonElement>(null);
  const hadCode = useRef(false);

  // Before paint, so the next key reaches the field; back to the button once the field is gone.
  useLayoutEffect(() => {
    if (code !== null) codeRef.current?.focus();
    else if (hadCode.current) emailRef.current?.focus();
    hadCode.current = code !== null;
  }, [code]);

  async function run(task: () => Promise<string>, failure: (error: unknown) => string): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus({ text: t('transcript.preparing'), error: false });
    try {
      setStatus({ text: await task(), error: false });
    } catch (error) {
      setStatus({ text: failure(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  const download = (kind: 'txt' | 'html') =>
    run(
      async () => {
        const [builder, messages] = await Promise.all([loadTranscriptBuilder(), wholeConversation(store)]);
        const document = transcriptDocument(messages, nameOf, config.locale);
        const root = rootRef.current;
        // Unmounted meanwhile (the panel changed view): there is nowhere to click the link.
        if (root === null) return t('transcript.failed');
        const texts = transcriptTexts();
        const content = kind === 'txt' ? builder.transcriptText(document, texts) : builder.transcriptHtml(document, texts);
        downloadFile(root, transcriptFileName(new Date(), kind), FILE_TYPES[kind], content);
        return t('transcript.downloaded');
      },
      () => t('transcript.failed'),
    );

  const email = (typed?: string) =>
    run(
      async () => {
        const to = await emailTranscript(store, typed);
        setCode(to === null ? null : { to });
        return to === null ? t('transcript.emailed') : '';
      },
      // Only our own errors carry a text for the visitor (email-transcript.ts); anything else is a bug, told plainly.
      (error) => (error instanceof WidgetError ? error.message : t('transcript.emailFailed')),
    );

  return (
    <div class="transcript-actions" ref={rootRef}>
      <div class="transcript-buttons">
        <button type="button" class="secondary" aria-disabled={busy} onClick={() => void download('txt')}>
          {t('transcript.downloadText')}
        </button>
        <button type="button" class="secondary" aria-disabled={busy} onClick={() => void download('html')}>
          {t('transcript.downloadHtml')}
        </button>
        {config.transcriptEmail && (
          <button type="button" class="secondary" aria-disabled={busy} ref={emailRef} onClick={() => void email()}>
            {t('transcript.email')}
          </button>
        )}
      </div>
      {code !== null && (
        <form
          class="field"
          onSubmit={(event) => {
            event.preventDefault();
            void email(codeRef.current?.value.replace(/\D/g, ''));
          }}
        >
          {/* The address isolated, so it reads left to right inside a right-to-left text. */}
          <label for="twc-code">{t('transcript.code', { email: `\u2068${code.to}\u2069` })}</label>
          <input id="twc-code" ref={codeRef} inputMode="numeric" autoComplete="one-time-code" />
          <button class="secondary" aria-disabled={busy}>
            {t('transcript.confirm')}
          </button>
        </form>
      )}
      <p class={status?.error ? 'transcript-status error' : 'transcript-status'} role="status">
        {status?.text ?? ''}
      </p>
    </div>
  );
}

/** The transcript's actions behind one disclosure button, at the top of an ongoing chat. */
export function TranscriptMenu(props: Props) {
  const [open, setOpen] = useState(false);
  const toggle = () => {
    // A head start for the builder; a failure here is met, and told, by the download itself.
    if (!open) loadTranscriptBuilder().catch(() => undefined);
    setOpen(!open);
  };
  return (
    <div class="transcript-menu">
      <button type="button" class="transcript-toggle" aria-expanded={open} aria-controls="twc-transcript" onClick={toggle}>
        {t('transcript.menu')}
      </button>
      <div id="twc-transcript" hidden={!open}>
        <TranscriptActions {...props} />
      </div>
    </div>
  );
}
