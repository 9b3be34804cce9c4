/**
 * Picks the transport `initWebchat` named. Each implementation is its own chunk, loaded only when
 * needed: a visitor on the real service never downloads the emulator code, and nobody downloads
 * the Conversations SDK before a chat starts.
 */
import { loadChunk, type ChunkPaths } from '../shared/chunks';
import type { ChatSession, ChatTransport } from './chat-transport';

/** Chunk paths, injected by scripts/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app'>;

/** Loads the implementation named by `session.transport` and creates it (not yet connected). */
export async function createTransport(session: ChatSession, loaderUrl: string): Promise<ChatTransport> {
  const name = session.transport.kind === 'conversations' ? 'conversations-transport' : 'emulator-transport';
  const Transport = await loadChunk(name, new URL(__WEBCHAT_CHUNKS__[name], loaderUrl).href);
  return new Transport(session);
}
