import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Shadow roots the visitor has focused something in during this page's life. */
const engaged = new WeakSet<ShadowRoot>();

/** Starts noticing when the visitor focuses anything in the widget (called once at mount). */
export function trackEngagement(root: ShadowRoot): void {
  root.addEventListener('focusin', () => engaged.add(root));
}

/**
 * Moves focus to `ref` when the view appears or the panel opens, so keyboard and screen-reader
 * users land on the control that matters (first form field, composer, "Start new chat").
 * Only when focus is in the widget, or was until the previous view (and its focused control)
 * went away: a panel restored open after a reload must not steal focus from the host page.
 * A layout effect, so focus moves in the same task that inserts the view: a plain effect waits for
 * the next animation frame, and a keystroke in between would go to the element focus was leaving.
 */
export function useFocusWhenOpen(ref: RefObject<HTMLElement | null>, open: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!open || el === null) return;
    const root = el.getRootNode();
    if (!(root instanceof ShadowRoot)) return;
    const active = document.activeElement;
    if (active === root.host || ((active === null || active === document.body) && engaged.has(root))) el.focus();
  }, [ref, open]);
}
