/**
 * One widget instance on the host page: the launcher and the (empty) panel, built with plain DOM
 * calls so the loader stays tiny; the chat app, which fills the panel, is loaded on intent, when idle or on first open.
 */
import type { AppHandle, AppModule } from '../common/app-contract';
import { loadChunk, type ChunkPaths } from '../common/chunks';
import type { WebchatConfig } from '../common/config';
import type { WebchatHandle } from '../common/page-api';
import { OPEN_KEY, SESSION_KEY, readItem, writeItem } from '../common/storage';
import { adoptStyles } from '../common/adopt-styles';
import { themeDeclarations } from '../common/theme';
import { CHAT_ICON, CLOSE_ICON, icon } from './icons';
import loaderCss from './loader.css';
import { createPageListeners } from './page-listeners';
import { prefetchOnIntent } from './prefetch';
import { whenParsed } from './when-parsed';

/** The app chunk's path relative to the loader, injected by scripts/build-widget.ts (hashed for caching). */
declare const __WEBCHAT_CHUNKS__: Pick<ChunkPaths, 'app'>;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/**
 * Creates the widget and answers its handle for the page; `loaderUrl` anchors the server URL
 * default and the app import. The widget goes on the page once the body exists; `forget` runs when
 * the page destroys it.
 */
export function createWidget(config: WebchatConfig, loaderUrl: string, forget: (handle: WebchatHandle) => void): WebchatHandle {
  const serverUrl = (config.serverUrl ?? new URL(loaderUrl).origin).replace(/\/+$/, '');
  const launcherLabel = config.strings?.launcherLabel ?? 'Open chat';

  // A custom element name, so page rules like `div {display: none}` cannot match the host.
  const host = document.createElement('twilio-webchat');
  if (config.theme?.isLight === false) host.dataset.theme = 'dark';
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, loaderCss);
  // On the host element itself: a declaration from the page's side beats the shadow root's `:host`
  // defaults (https://www.w3.org/TR/css-cascade-5/#cascade-context), light or dark, and CSSOM
  // changes are not inline styles in CSP's sense, so a strict style-src still allows them.
  for (const [property, value] of themeDeclarations(config.theme)) host.style.setProperty(property, value);

  // Outside any form, so no `type`; renderLauncher puts in its icon and badge.
  const launcher = element('button', 'launcher');
  launcher.setAttribute('aria-controls', 'twc-panel');
  const badge = element('span', 'badge');
  badge.ariaHidden = 'true';

  // The app fills and styles the panel; until it has loaded, an open panel is empty and takes no space.
  const panel = element('section', 'panel');
  panel.id = 'twc-panel';
  panel.hidden = true;
  panel.role = 'dialog';
  panel.setAttribute('aria-labelledby', 'twc-title');
  shadow.append(panel, launcher);

  let open = false;
  let unread = 0;
  let app: Promise<AppHandle> | null = null;
  let mounted: AppHandle | null = null;
  let appModule: Promise<AppModule> | null = null;
  let destroyed = false;
  const listeners = createPageListeners();
  const { emit } = listeners;
  /** The page's form values (`prefill`), read by the app when it mounts. */
  const prefill: Record<string, string> = {};
  /** The app could not be loaded: the launcher says so, and its next click tries again. */
  let failed = false;

  function renderLauncher(): void {
    // Unread messages exist only once the app is here, which then labels the launcher in its language.
    launcher.ariaLabel =
      mounted?.launcherLabel(open, unread) ?? (open ? 'Minimize chat' : failed ? 'The chat could not be loaded. Try again' : launcherLabel);
    launcher.ariaExpanded = String(open);
    launcher.replaceChildren(icon(open ? CLOSE_ICON : CHAT_ICON), badge);
    badge.textContent = failed ? '!' : String(unread);
    badge.hidden = open || (!failed && unread === 0);
  }

  /** Fetches and runs the app chunk once (again after a failure) without mounting it. */
  function fetchApp(): Promise<AppModule> {
    appModule ??= loadChunk('app', new URL(__WEBCHAT_CHUNKS__.app, loaderUrl).href);
    appModule.catch(() => {
      appModule = null;
    });
    return appModule;
  }

  function loadApp(): Promise<AppHandle> {
    if (app !== null) return app;
    app = fetchApp().then(
      (module) => {
        if (destroyed) throw new Error('destroyed');
        return (mounted = module.mount({
          container: panel,
          shadowRoot: shadow,
          config,
          serverUrl,
          loaderUrl,
          open,
          onUnread(count) {
            unread = count;
            renderLauncher();
          },
          onClose: () => setOpen(false, true),
          emit,
          prefill,
        }));
      },
      (error: unknown) => {
        app = null;
        failed = true;
        setOpen(false, false);
        renderLauncher();
        throw error;
      },
    );
    // The launcher shows the failure; an unhandled rejection would only add console noise.
    app.catch(() => undefined);
    return app;
  }

  function setOpen(next: boolean, moveFocus: boolean): void {
    if (next === open) return;
    open = next;
    panel.hidden = !open;
    writeItem('session', OPEN_KEY, open ? '1' : null);
    renderLauncher();
    emit(open ? 'open' : 'close', undefined);
    // A failed load is shown on the launcher by loadApp itself.
    if (open) {
      void loadApp().then((handle) => handle.setOpen(true), () => undefined);
    } else {
      void app?.then((handle) => handle.setOpen(false), () => undefined);
      if (moveFocus) launcher.focus();
    }
  }

  /**
   * Page code must not pull focus out of the page; focus that would vanish with the panel goes to
   * the launcher. A destroyed widget ignores the page (its handle may still be held).
   */
  function setFromPage(next: boolean): void {
    if (!destroyed) setOpen(next, document.activeElement === host);
  }

  launcher.addEventListener('click', () => {
    // Safari does not focus buttons on click; the app moves focus in only from inside the widget.
    launcher.focus();
    failed = false;
    setOpen(!open, true);
  });

  renderLauncher();
  whenParsed(() => {
    if (destroyed) return;
    document.body.append(host);
    // A microtask later, so a listener added right after initWebchat hears it.
    queueMicrotask(() => emit('ready', undefined));
  });
  // A failed prefetch is retried on open, which reports it.
  prefetchOnIntent(launcher, () => {
    if (!destroyed) fetchApp().catch(() => undefined);
  });

  // Only a visitor who already started a chat pays for the app at page load (see README, Size and speed).
  const wasOpen = readItem('session', OPEN_KEY) === '1';
  if (wasOpen) setOpen(true, false);
  // loadApp shows a failure on the launcher itself.
  else if (readItem('local', SESSION_KEY) !== null) void loadApp().catch(() => undefined);

  const handle: WebchatHandle = {
    open: () => setFromPage(true),
    close: () => setFromPage(false),
    toggle: () => setFromPage(!open),
    isOpen: () => open,
    on: listeners.on,
    off: listeners.off,
    prefill(values) {
      Object.assign(prefill, values);
      void app?.then((mounted) => mounted.prefill(values), () => undefined);
    },
    // Loads the app when needed: a chat may be running that the app has not resumed yet.
    endChat: () => loadApp().then((mounted) => mounted.endChat()),
    // Loads the app when needed: this browser may hold a chat of theirs, or unsent messages, that only it knows.
    logout: () => loadApp().then((mounted) => mounted.logout()),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      host.remove();
      // An app that never loaded has nothing to tear down.
      void app?.then((mounted) => mounted.destroy(), () => undefined);
      forget(handle);
    },
  };
  return handle;
}
