/** What a visitor's tab shows of the conversation, for browser tests that compare it with Twilio's. */
import type { Page } from 'playwright-core';

/** Messages shown as arrived (not those still waiting in the outbox), and the chat's notices (the welcome), in the list's order. */
const SHOWN = '.message:not(.pending) .bubble, .notice';

/** The texts of the messages a tab shows as arrived, oldest first. */
export function shownBodies(page: Page): Promise<string[]> {
  return page.locator(`twilio-webchat :is(${SHOWN})`).allTextContents();
}

/**
 * Waits until the tab shows exactly `expected`, then checks it: a list that never gets there fails
 * with the difference rather than a bare timeout.
 */
export async function shownWhenSettled(page: Page, expected: readonly string[]): Promise<string[]> {
  await page
    .waitForFunction(
      ({ want, shown }) => {
        const root = document.querySelector('twilio-webchat')?.shadowRoot;
        const texts = [...(root?.querySelectorAll(shown) ?? [])].map((element) => element.textContent);
        return JSON.stringify(texts) === JSON.stringify(want);
      },
      { want: expected, shown: SHOWN },
    )
    .catch(() => undefined);
  return shownBodies(page);
}
