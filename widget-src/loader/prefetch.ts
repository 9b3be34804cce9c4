/**
 * When to fetch the app chunk before the first click, so a click shows the form in the next frame:
 * on intent (the pointer over the launcher, focus on it, a finger on it) and once the page is idle
 * after its load event, unless the visitor asked to save data or is on 2G
 * (https://wicg.github.io/netinfo/). Nothing is fetched before one of these.
 */

interface NetworkInformation {
  saveData?: boolean;
  effectiveType?: string;
}

function savingData(): boolean {
  const connection = (navigator as { connection?: NetworkInformation }).connection;
  return connection?.saveData === true || /2g/.test(connection?.effectiveType ?? '');
}

/** Calls `fetch` on the first sign of intent on `launcher` or when the page is idle after load. */
export function prefetchOnIntent(launcher: HTMLElement, fetch: () => void): void {
  for (const type of ['pointerenter', 'focus', 'touchstart']) launcher.addEventListener(type, fetch, { once: true, passive: true });
  if (savingData()) return;
  // Safari has no requestIdleCallback; there a task after load stands in for idle.
  const whenIdle = (): void => void (window.requestIdleCallback ?? setTimeout)(fetch);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
