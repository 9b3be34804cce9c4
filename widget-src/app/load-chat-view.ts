/**
 * Loads the chat-view chunk once per page and adopts its styles once per widget, before the view
 * renders, so the conversation never shows unstyled.
 */
import type { ComponentType } from 'preact';
import { adoptStyles } from '../common/adopt-styles';
import { loadChunk, type ChunkPaths } from '../common/chunks';
import type { ChatViewModule } from './chat-view-module';
import type { ChatViewProps } from './components/chat-view/chat-view';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

export type ChatViewComponent = ComponentType<ChatViewProps>;

/** The chat view for one widget: `loaded()` when it can render now, `load()` to get there. */
export interface ChatViewLoader {
  loaded(): ChatViewComponent | null;
  load(): Promise<ChatViewComponent>;
  /** The chunk itself, for what it holds besides the view. */
  module(): Promise<ChatViewModule>;
}

let chunk: Promise<ChatViewModule> | null = null;

export function chatViewLoader(shadowRoot: ShadowRoot, loaderUrl: string): ChatViewLoader {
  let view: ChatViewComponent | null = null;
  const module = (): Promise<ChatViewModule> => {
    chunk ??= loadChunk('chat-view', new URL(__WEBCHAT_CHUNKS__['chat-view'], loaderUrl).href);
    chunk.catch(() => {
      chunk = null;
    });
    return chunk;
  };
  return {
    loaded: () => view,
    module,
    async load() {
      const loaded = await module();
      if (view === null) {
        adoptStyles(shadowRoot, loaded.css);
        view = loaded.ChatView;
      }
      return view;
    },
  };
}
