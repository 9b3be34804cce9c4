/** Loads the start-form chunk (start-form-chunk.ts) once per page; a failed load is tried again on the next call. */
import { loadChunk, type ChunkPaths } from '../../common/chunks';
import type { StartForm } from './start-form-chunk';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

let chunk: Promise<StartForm> | null = null;

/** The chunk, from beside the loader at `loaderUrl`. */
export function startFormLoader(loaderUrl: string): () => Promise<StartForm> {
  return () => {
    chunk ??= loadChunk('start-form', new URL(__WEBCHAT_CHUNKS__['start-form'], loaderUrl).href);
    chunk.catch(() => {
      chunk = null;
    });
    return chunk;
  };
}
