/**
 * Loads the Conversations SDK chunk and creates the transport. Nobody downloads the SDK before a
 * chat starts (or a saved one resumes).
 */
import { loadChunk, type ChunkPaths } from '../common/chunks';
import type { ChatSession, ChatTransport } from './chat-transport';

/** Chunk paths, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

/** Loads the transport's chunk and creates it for `session` (not yet connected). */
export async function createTransport(session: ChatSession, loaderUrl: string): Promise<ChatTransport> {
  const Transport = await loadChunk('conversations-transport', new URL(__WEBCHAT_CHUNKS__['conversations-transport'], loaderUrl).href);
  return new Transport(session);
}
