import type { WebchatConfig } from './config';
import type { WebchatEventName, WebchatEvents } from './page-api';

/** What the loader hands to the lazily loaded app. */
export interface MountOptions {
  /** The panel inside the shadow root (a dialog labelled by `#twc-title`) that the app renders into. */
  container: HTMLElement;
  shadowRoot: ShadowRoot;
  config: WebchatConfig;
  /** Absolute base URL of the Functions, without a trailing slash. */
  serverUrl: string;
  /** The loader script's URL, against which the other chunks' paths resolve. */
  loaderUrl: string;
  open: boolean;
  /** Count of messages from others the visitor has not seen (for the launcher badge). */
  onUnread: (count: number) => void;
  /** The visitor minimized the panel from inside it. */
  onClose: () => void;
  /** Tells the page's listeners what happened in the chat (see page-api.ts). */
  emit: <E extends WebchatEventName>(event: E, detail: WebchatEvents[E]) => void;
  /** Form values the page gave before the app loaded (`handle.prefill`), laid over the config's. */
  prefill: Record<string, string>;
}

/** What the app gives back to the loader. */
export interface AppHandle {
  setOpen: (open: boolean) => void;
  /** Form values from the page, for the form shown now or later. */
  prefill: (values: Record<string, string>) => void;
  /** The page asked to end the chat (`handle.endChat`). */
  endChat: () => Promise<void>;
  /** The page's visitor signed out (`handle.logout`). */
  logout: () => Promise<void>;
  /** The launcher's `aria-label` in the app's language (English until it has chosen one; `onUnread` follows the choice). */
  launcherLabel: (open: boolean, unread: number) => string;
  destroy: () => Promise<void>;
}

/** What the app chunk (`webchat/app-*.js`) defines. */
export interface AppModule {
  mount: (options: MountOptions) => AppHandle;
}
