/**
 * One widget instance on the host page: the launcher and the panel frame, built with plain DOM
 * calls so the loader stays tiny; the chat app itself is loaded on first open.
 */
import type { AppHandle, AppModule } from '../shared/app-contract';
import { loadChunk, type ChunkPaths } from '../shared/chunks';
import type { WebchatConfig } from '../shared/config';
import { OPEN_KEY, SESSION_KEY, readItem, writeItem } from '../shared/storage';
import { adoptStyles } from '../shared/styles';
import { themeDeclarations } from '../shared/theme';
import { CHAT_ICON, CLOSE_ICON, icon } from './icons';
import loaderCss from './loader.css';
import { prefetchOnIntent } from './prefetch';

/** Chunk paths relative to the loader, injected by scripts/build-widget.ts (hashed for caching). */
declare const __WEBCHAT_CHUNKS__: ChunkPaths;

export interface WidgetInstance {
  destroy(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/** Creates the widget on the page; `loaderUrl` anchors the server URL default and the app import. */
export function createWidget(config: WebchatConfig, loaderUrl: string): WidgetInstance {
  const serverUrl = (config.serverUrl ?? new URL(loaderUrl).origin).replace(/\/+$/, '');
  const title = config.strings?.title ?? 'Chat with us';
  const launcherLabel = config.strings?.launcherLabel ?? 'Open chat';

  // A custom element name, so page rules like `div {display: none}` cannot match the host.
  const host = document.createElement('twilio-webchat');
  if (config.theme?.isLight === false) host.dataset.theme = 'dark';
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, loaderCss);
  const themeSheet = adoptStyles(shadow, ':host{}');
  const hostRule = themeSheet?.cssRules[0];
  if (hostRule instanceof CSSStyleRule) {
    for (const [property, value] of themeDeclarations(config.theme)) hostRule.style.setProperty(property, value);
  }

  const root = element('div', 'root');
  const launcher = element('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'twc-panel');
  launcher.append(icon(CHAT_ICON));
  const badge = element('span', 'badge');
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  launcher.append(badge);

  const panel = element('section', 'panel');
  panel.id = 'twc-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'twc-title');
  const header = element('div', 'header');
  const heading = element('h2', 'title');
  heading.id = 'twc-title';
  heading.textContent = title;
  const close = element('button', 'icon-button');
  close.type = 'button';
  close.setAttribute('aria-label', 'Minimize chat');
  close.append(icon(CLOSE_ICON));
  header.append(heading, close);
  const body = element('div', 'body');
  const status = element('p', 'loader-status');
  status.setAttribute('role', 'status');
  body.append(status);
  panel.append(header, body);
  root.append(panel, launcher);
  shadow.append(root);

  let open = false;
  let unread = 0;
  let app: Promise<AppHandle> | null = null;
  let appModule: Promise<AppModule> | null = null;
  let destroyed = false;

  function renderLauncher(): void {
    const label = open ? 'Minimize chat' : unread > 0 ? `${launcherLabel}, ${unread} new` : launcherLabel;
    launcher.setAttribute('aria-label', label);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.replaceChildren(icon(open ? CLOSE_ICON : CHAT_ICON), badge);
    badge.textContent = String(unread);
    badge.hidden = open || unread === 0;
  }

  function showLoadError(): void {
    status.replaceChildren('The chat could not be loaded. Check your connection.');
    const retry = element('button', '');
    retry.type = 'button';
    retry.textContent = 'Try again';
    retry.addEventListener('click', () => void loadApp());
    status.append(document.createElement('br'), retry);
    if (open) retry.focus();
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
    status.textContent = 'Loading chat…';
    app = fetchApp().then(
      (module) => {
        if (destroyed) throw new Error('widget destroyed');
        const container = element('div', 'body');
        body.replaceChildren(container);
        return module.mount({
          container,
          shadowRoot: shadow,
          config,
          serverUrl,
          loaderUrl,
          open,
          onUnread(count) {
            unread = count;
            renderLauncher();
          },
        });
      },
      (error: unknown) => {
        app = null;
        showLoadError();
        throw error;
      },
    );
    // Errors are shown in the panel; an unhandled rejection would only add console noise.
    app.catch(() => undefined);
    return app;
  }

  function setOpen(next: boolean, moveFocus: boolean): void {
    if (next === open) return;
    open = next;
    panel.hidden = !open;
    writeItem('session', OPEN_KEY, open ? '1' : null);
    renderLauncher();
    if (open) {
      void loadApp().then((handle) => handle.setOpen(true), () => undefined);
    } else {
      void app?.then((handle) => handle.setOpen(false), () => undefined);
      if (moveFocus) launcher.focus();
    }
  }

  launcher.addEventListener('click', () => {
    // Safari does not focus buttons on click; the app moves focus in only from inside the widget.
    launcher.focus();
    setOpen(!open, true);
  });
  close.addEventListener('click', () => setOpen(false, true));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false, true);
    }
  });

  renderLauncher();
  document.body.append(host);
  prefetchOnIntent(launcher, () => void fetchApp().catch(() => undefined));

  // Only a visitor who already started a chat pays for the app at page load (issue 3, item 1).
  const wasOpen = readItem('session', OPEN_KEY) === '1';
  if (wasOpen) setOpen(true, false);
  else if (readItem('local', SESSION_KEY) !== null) void loadApp().catch(() => undefined);

  return {
    destroy() {
      destroyed = true;
      host.remove();
      void app?.then((handle) => handle.destroy(), () => undefined);
    },
  };
}
