/**
 * The Outbox panel: the emails the emulator's SendGrid stand-in accepted (polled from the desk API).
 * Each shows its recipients, subject, time and plain text; the HTML body is shown as its source
 * text in a disclosure, never rendered: it is built from what visitors typed.
 */
import type { DeskEmailView } from '../desk-types';
import { deskApi, element, errorText, make, report } from './page';

const POLL_MS = 2000;
const list = element('desk-outbox-list');
const empty = element('desk-outbox-empty');
/** What is on screen, so polling does not rebuild the list (and close open disclosures) for nothing. */
let shown = '';

/** A scrolling block of text; focusable, so it can be scrolled with the keyboard too. */
function scrollingText(text: string, label: string, testId: string): HTMLPreElement {
  const block = make('pre', text, testId);
  block.tabIndex = 0;
  block.setAttribute('aria-label', label);
  return block;
}

function emailItem(email: DeskEmailView): HTMLLIElement {
  const item = make('li', undefined, 'desk-outbox-email');
  const time = make('time', new Date(email.receivedAt).toLocaleTimeString());
  time.dateTime = email.receivedAt;
  const facts = make('dl');
  facts.className = 'facts';
  facts.append(make('dt', 'To'), make('dd', email.to.join(', ')), make('dt', 'Subject'), make('dd', email.subject), make('dt', 'Time'), make('dd'));
  facts.lastElementChild?.append(time);
  item.append(facts);
  if (email.text !== null) item.append(scrollingText(email.text, `Text of "${email.subject}"`, 'desk-outbox-text'));
  if (email.html !== null) {
    const html = make('details');
    html.append(make('summary', 'HTML version (source)'), scrollingText(email.html, `HTML source of "${email.subject}"`, 'desk-outbox-html'));
    item.append(html);
  }
  return item;
}

async function refreshOutbox(): Promise<void> {
  try {
    const emails = await deskApi<DeskEmailView[]>('outbox');
    const ids = emails.map((email) => email.id).join();
    if (ids === shown) return;
    shown = ids;
    empty.hidden = emails.length > 0;
    list.replaceChildren(...emails.map(emailItem));
  } catch (error) {
    report(`Could not load the outbox: ${errorText(error)}`);
  }
}

export function startOutboxPanel(): void {
  void refreshOutbox();
  setInterval(() => void refreshOutbox(), POLL_MS);
}
