/** What a visitor's tab shows of the conversation, for browser tests that compare it with Twilio's. */
import type { Page } from 'playwright-core';

/** The texts of the messages a tab shows as arrived (not those still waiting in the outbox), oldest first. */
export function shownBodies(page: Page): Promise<string[]> {
  return page.locator('twilio-webchat .message:not(.pending) .bubble').allTextContents();
}

/**
 * Waits until the tab shows exactly `expected`, then checks it: a list that never gets there fails
 * with the difference rather than a bare timeout.
 */
export async function shownWhenSettled(page: Page, expected: readonly string[]): Promise<string[]> {
  await page
    .waitForFunction((want) => {
      const root = document.querySelector('twilio-webchat')?.shadowRoot;
      const bubbles = [...(root?.querySelectorAll('.message:not(.pending) .bubble') ?? [])].map((bubble) => bubble.textContent);
      return JSON.stringify(bubbles) === JSON.stringify(want);
    }, expected)
    .catch(() => undefined);
  return shownBodies(page);
}
