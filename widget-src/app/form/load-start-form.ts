/** Loads the start-form chunk (start-form-chunk.ts) once per page; a failed load is tried again on the next call. */
import { loadChunk, type ChunkPaths } from '../../common/chunks';
import { SESSION_KEY, readItem } from '../../common/storage';
import type { StartFormChunk } from './start-form-chunk';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

let chunk: Promise<StartFormChunk> | null = null;

/** The chunk, from beside the loader at `loaderUrl`. */
export function startFormLoader(loaderUrl: string): () => Promise<StartFormChunk> {
  return () => {
    chunk ??= loadChunk('start-form', new URL(__WEBCHAT_CHUNKS__['start-form'], loaderUrl).href);
    chunk.catch(() => {
      chunk = null;
    });
    return chunk;
  };
}

/**
 * Fetched as soon as the app chunk runs (the loader runs it on intent or when the page is idle,
 * before any click) unless a chat is saved to resume, so a prefetched open shows the form at once,
 * as the deployment's settings are (settings/server-settings.ts). The app chunk sits in `webchat/`
 * beside the loader, the base of the chunks' paths.
 */
const appSrc = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;
if (appSrc !== undefined && appSrc !== '' && readItem('local', SESSION_KEY) === null) startFormLoader(new URL('..', appSrc).href)().catch(() => undefined);
