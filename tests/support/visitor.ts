/** The visitor's first steps in the browser tests: open the demo page's widget and start a chat with the form. */
import type { Page } from 'playwright-core';

export interface Visitor {
  name: string;
  email: string;
  question: string;
}

/** Opens the launcher, fills the form and sends it; resolves once the question shows in the chat. */
export async function startChatAs(page: Page, baseUrl: string, visitor: Visitor): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').fill(visitor.name);
  await page.locator('#twc-field-email').fill(visitor.email);
  await page.locator('#twc-field-query').fill(visitor.question);
  await page.locator('#twc-field-query').press('Enter');
  await page.locator('twilio-webchat .bubble', { hasText: visitor.question }).waitFor();
}
