/** Loads the chat-view chunk once per page, for its view (view-loader.ts) and what it holds besides. */
import { loadChunk, type ChunkPaths } from '../common/chunks';
import type { ChatViewModule } from './chat-view-module';
import type { ChatViewProps } from './components/chat-view/chat-view';
import { viewLoader, type ViewLoader } from './view-loader';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

/** The chat view for one widget, and the chunk itself for what it holds besides the view. */
export interface ChatViewLoader extends ViewLoader<ChatViewProps> {
  module(): Promise<ChatViewModule>;
}

let chunk: Promise<ChatViewModule> | null = null;

export function chatViewLoader(shadowRoot: ShadowRoot, loaderUrl: string): ChatViewLoader {
  const module = (): Promise<ChatViewModule> => {
    chunk ??= loadChunk('chat-view', new URL(__WEBCHAT_CHUNKS__['chat-view'], loaderUrl).href);
    chunk.catch(() => {
      chunk = null;
    });
    return chunk;
  };
  return { ...viewLoader(shadowRoot, () => module().then(({ ChatView, css }) => ({ View: ChatView, css }))), module };
}
