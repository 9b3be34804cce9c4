/**
 * The handle a host page holds (see common/page-api.ts): listeners by event, and the widget's own
 * controls once it is on the page. A listener that throws is reported and skipped, so a page's bug
 * cannot stop the widget or the page's other listeners.
 */
import type { WebchatConfig } from '../common/config';
import type { WebchatEventName, WebchatEvents, WebchatHandle } from '../common/page-api';
import { createWidget, type WidgetInstance } from './widget';

export interface PageHandle {
  handle: WebchatHandle;
  /** Puts the widget on the page (once the body exists); `ready` follows in a microtask, so a listener added right after `initWebchat` hears it. */
  start: () => void;
}

type AnyListener = (detail: unknown) => void;

/** `forget` runs once when the page destroys the handle, so index.ts can drop `Twilio.webchat`. */
export function createPageHandle(config: WebchatConfig, loaderUrl: string, forget: (handle: WebchatHandle) => void): PageHandle {
  const listeners = new Map<WebchatEventName, Set<AnyListener>>();
  const prefilled: Record<string, string> = {};
  let widget: WidgetInstance | null = null;
  let destroyed = false;

  function emit<E extends WebchatEventName>(event: E, detail: WebchatEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(detail);
      } catch (error) {
        // The page's code failed, not ours: tell its developer, and carry on with the others.
        console.error(error);
      }
    }
  }

  const handle: WebchatHandle = {
    open: () => widget?.setOpen(true),
    close: () => widget?.setOpen(false),
    toggle: () => widget?.setOpen(!handle.isOpen()),
    isOpen: () => widget?.isOpen() ?? false,
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      set.add(listener as AnyListener);
      return () => handle.off(event, listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener as AnyListener);
    },
    prefill(values) {
      Object.assign(prefilled, values);
      widget?.prefill(values);
    },
    endChat: () => widget?.endChat() ?? Promise.resolve(),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      widget?.destroy();
      forget(handle);
    },
  };

  return {
    handle,
    start() {
      if (destroyed) return;
      widget = createWidget(config, loaderUrl, emit, prefilled);
      void Promise.resolve().then(() => emit('ready', undefined));
    },
  };
}
