/** Loads the challenge-solver chunk (solver-chunk.ts) once per page; a failed load is tried again on the next call. */
import { loadChunk, type ChunkPaths } from '../common/chunks';
import type { ChallengeSolver } from './solver-chunk';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

/** The solver, from the chunk beside the loader at `loaderUrl`. */
export function solverLoader(loaderUrl: string): () => Promise<ChallengeSolver> {
  return () => loadChunk('challenge-solver', new URL(__WEBCHAT_CHUNKS__['challenge-solver'], loaderUrl).href);
}
