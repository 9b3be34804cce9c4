/**
 * The page's listeners of one widget, by event (see common/page-api.ts). A listener that throws is
 * reported and skipped, so a bug in the page's code can stop neither the widget nor its other listeners.
 */
import type { WebchatEventName, WebchatEvents, WebchatHandle } from '../common/page-api';

type AnyListener = (detail: unknown) => void;

export interface PageListeners extends Pick<WebchatHandle, 'on' | 'off'> {
  emit: <E extends WebchatEventName>(event: E, detail: WebchatEvents[E]) => void;
  clear: () => void;
}

export function createPageListeners(): PageListeners {
  const byEvent = new Map<WebchatEventName, Set<AnyListener>>();
  const listeners: PageListeners = {
    on(event, listener) {
      let set = byEvent.get(event);
      if (set === undefined) byEvent.set(event, (set = new Set()));
      set.add(listener as AnyListener);
      return () => listeners.off(event, listener);
    },
    off(event, listener) {
      byEvent.get(event)?.delete(listener as AnyListener);
    },
    emit(event, detail) {
      for (const listener of [...(byEvent.get(event) ?? [])]) {
        try {
          listener(detail);
        } catch (error) {
          // The page's code failed, not ours: tell its developer, and carry on with the others.
          console.error(error);
        }
      }
    },
    clear: () => byEvent.clear(),
  };
  return listeners;
}
