/**
 * Timing inside the page, so the figures hold no DevTools round trip: an action on the widget,
 * then the time until something matching `selector` (and containing `text`) is in the widget's
 * shadow root and the next frame has been produced.
 */
import type { Page } from 'playwright-core';

export type WidgetAction = 'open' | 'submit-form' | 'send';

interface Target {
  action: WidgetAction;
  selector: string;
  text?: string;
}

// No named inner functions here: tsx wraps those in a `__name` helper that does not exist in the page.
function timeUntilInPage({ action, selector, text }: Target): Promise<number> {
  const root = document.querySelector('twilio-webchat')?.shadowRoot;
  if (!root) throw new Error('no widget on the page');
  const start = performance.now();
  const done = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      const matches = [...root.querySelectorAll(selector)].filter((el) => text === undefined || (el.textContent ?? '').includes(text));
      if (matches.length === 0) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - start));
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  });
  if (action === 'open') root.querySelector<HTMLButtonElement>('button.launcher')?.click();
  else root.querySelector<HTMLFormElement>(action === 'send' ? 'form.composer' : 'form.form')?.requestSubmit();
  return done;
}

/** Milliseconds from `action` to the frame after `selector` (with `text`) appeared in the widget. */
export function timeUntil(page: Page, action: WidgetAction, selector: string, text?: string): Promise<number> {
  return page.evaluate(timeUntilInPage, { action, selector, ...(text === undefined ? {} : { text }) });
}

/** Resolves once the app chunk has run in the page (it registers itself, see widget-src/common/chunks.ts). */
export async function appChunkLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('twilio-webchat.chunks')]?.has('app') === true);
}

/** Stops the loader's idle prefetch for this page (it honours Save-Data), so a click is truly cold. */
export async function saveData(page: Page): Promise<void> {
  // As text: tsx names functions with a helper the page does not have, so a passed function threw there.
  await page.addInitScript("Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) });");
}

/**
 * The chat is usable once connected: the composer takes text even before (the outbox keeps it),
 * and says it is waiting until then. The bench's page is in English.
 */
export const CHAT_USABLE = '#twc-composer[placeholder="Type a message"]';
