/**
 * A view that lives in a chunk of its own (the chat view, the start form): loaded once per page,
 * its styles adopted once per widget before it first renders, so it never shows unstyled.
 */
import type { ComponentType } from 'preact';
import { adoptStyles } from '../common/adopt-styles';

/** What a view's chunk gives: the component and its styles. */
export interface ChunkView<P> {
  View: ComponentType<P>;
  css: string;
}

/** One widget's view: `loaded()` when it can render now, `load()` to get there. */
export interface ViewLoader<P> {
  loaded(): ComponentType<P> | null;
  load(): Promise<ComponentType<P>>;
}

/** The view `chunk` resolves to, styled in `shadowRoot`; `chunk` loads (or reloads after a failure) its script. */
export function viewLoader<P>(shadowRoot: ShadowRoot, chunk: () => Promise<ChunkView<P>>): ViewLoader<P> {
  let view: ComponentType<P> | null = null;
  return {
    loaded: () => view,
    async load() {
      const loaded = await chunk();
      if (view === null) {
        adoptStyles(shadowRoot, loaded.css);
        view = loaded.View;
      }
      return view;
    },
  };
}
