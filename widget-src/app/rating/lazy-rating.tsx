/**
 * The rating form from its own chunk, which sits beside the chat-view chunk (this module's own
 * chunk) and is fetched only once a chat has ended. Nothing shows until it is here: a rating that
 * cannot load leaves the ended chat as it was.
 */
import { useEffect, useState } from 'preact/hooks';
import { loadChunk } from '../../common/chunks';
import type { RatingFormProps, RatingModule } from './rating-module';

/** The rating chunk's file name, relative to the chat-view chunk; injected by the build. */
declare const __WEBCHAT_RATING__: string;

const base = typeof document === 'undefined' ? null : ((document.currentScript as HTMLScriptElement | null)?.src ?? null);

export function LazyRating(props: RatingFormProps) {
  const [module, setModule] = useState<RatingModule | null>(null);
  useEffect(() => {
    if (base === null) return undefined;
    let live = true;
    loadChunk('rating', new URL(__WEBCHAT_RATING__, base).href).then(
      (loaded) => live && setModule(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return module === null ? null : <module.RatingForm {...props} />;
}
