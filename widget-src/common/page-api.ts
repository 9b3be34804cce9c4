/**
 * The JavaScript API a host page uses: `Twilio.initWebchat(config)` answers a `WebchatHandle`, also
 * kept as `Twilio.webchat`. This file holds types only: the build ships it, with config.ts, as
 * `webchat.d.ts` next to `webchat.js` (scripts/build/webchat-types.ts), so pages written in
 * TypeScript check their calls against the same declarations the widget is built with.
 */
import type { WebchatConfig } from './config';

/** What each event's listeners receive. */
export interface WebchatEvents {
  /** The launcher is on the page. */
  ready: undefined;
  open: undefined;
  close: undefined;
  /** A conversation is connected: a new one, or one resumed after a reload. */
  chatStarted: { conversationSid: string };
  /** A message from someone else (the agent), with the author's name as the widget shows it. */
  messageReceived: { author: string; body: string };
  /** Messages from others the visitor has not seen yet. */
  unreadChanged: { count: number };
  /** The conversation was closed: by the agent, or by the visitor's own end-chat action. */
  chatEnded: { by: 'agent' | 'visitor' };
}

export type WebchatEventName = keyof WebchatEvents;

export type WebchatListener<E extends WebchatEventName> = (detail: WebchatEvents[E]) => void;

/** One widget on the page. Its methods are plain functions: they may be passed around unbound. */
export interface WebchatHandle {
  /** Opens the panel. Focus stays where the page has it: the page decides when to move it. */
  open: () => void;
  /** Minimizes the panel; focus moves to the launcher only when it was inside the widget. */
  close: () => void;
  toggle: () => void;
  isOpen: () => boolean;
  /** Adds a listener; answers the function that removes it. */
  on: <E extends WebchatEventName>(event: E, listener: WebchatListener<E>) => () => void;
  off: <E extends WebchatEventName>(event: E, listener: WebchatListener<E>) => void;
  /** Pre-engagement form values by field name, for a form shown now or later. Never starts a chat. */
  prefill: (values: Record<string, string>) => void;
  /**
   * Ends the visitor's chat for everyone, as the panel's "End chat" does but without its confirm
   * step (the page decides, e.g. when its visitor logs out); a chat still resuming is ended once
   * it is on. Resolves when done, or at once when there is no chat. Loads the chat app when needed.
   */
  endChat: () => Promise<void>;
  /**
   * The site's visitor signed out: the widget leaves their chat (it goes on, for them, on their other
   * devices), keeps nothing of theirs in this browser and forgets their identity token.
   */
  logout: () => Promise<void>;
  /** Removes the widget and everything it added to the page, `Twilio.webchat` included when it is this handle. */
  destroy: () => void;
}

/** A call queued before `webchat.js` arrived: a method name and its arguments, e.g. `['on', 'chatStarted', fn]`. */
export type WebchatQueuedCall = [method: keyof WebchatHandle, ...args: unknown[]];

/** `window.Twilio`, as far as the widget is concerned. */
export interface TwilioWebchatNamespace {
  initWebchat?: (config?: WebchatConfig) => WebchatHandle;
  /** The current widget's handle (set by auto-init and by each `initWebchat`). */
  webchat?: WebchatHandle;
  /** Calls made before the loader ran; drained in order when the widget starts, then run as pushed. */
  webchatQueue?: WebchatQueuedCall[];
}

declare global {
  interface Window {
    Twilio?: TwilioWebchatNamespace;
  }
}
