/**
 * Loads the transcript chunk (transcript-chunk.ts) once per page. It sits beside the chat-view
 * chunk, which carries this module and resolves the file against its own URL, as the app chunk
 * does for the translations (i18n/load-texts.ts).
 */
import { loadChunk } from '../../common/chunks';
import type { TranscriptBuilder } from './transcript-chunk';

/** The transcript chunk's file name, relative to the chat-view chunk; injected by the build. */
declare const __WEBCHAT_TRANSCRIPT__: string;

/** The chat-view chunk's own URL; none when this module was not loaded as that chunk. */
const base = typeof document === 'undefined' ? null : ((document.currentScript as HTMLScriptElement | null)?.src ?? null);

let chunk: Promise<TranscriptBuilder> | null = null;

/** Rejects when the file cannot be had; the next call tries again. */
export function loadTranscriptBuilder(): Promise<TranscriptBuilder> {
  if (base === null) return Promise.reject(new Error('the transcript chunk loads only from the chat-view chunk'));
  chunk ??= loadChunk('transcript', new URL(__WEBCHAT_TRANSCRIPT__, base).href);
  chunk.catch(() => {
    chunk = null;
  });
  return chunk;
}
