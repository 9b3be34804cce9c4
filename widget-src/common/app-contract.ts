import type { WebchatConfig } from './config';

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
}

/** What the app gives back to the loader. */
export interface AppHandle {
  setOpen: (open: boolean) => void;
  /** The launcher's labels in the language the app chose, once it has chosen. */
  launcherTexts: () => Promise<LauncherTexts>;
  destroy: () => Promise<void>;
}

/** What the app chunk (`webchat/app-*.js`) defines. */
export interface AppModule {
  mount: (options: MountOptions) => AppHandle;
}

/** The launcher's labels (`aria-label`s), translated by the app. */
export interface LauncherTexts {
  open: string;
  close: string;
  failed: string;
  /** The launcher's label with the count of unread messages. */
  unread: (label: string, count: number) => string;
}
