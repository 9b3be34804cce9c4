/** Runs `run` once the page is parsed (at once if it is): then the body exists to hold the widget. */
export function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
