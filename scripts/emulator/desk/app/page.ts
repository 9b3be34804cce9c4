/**
 * The desk page's DOM and its HTTP calls: the elements it is built from, helpers that only ever set
 * text (everything shown may come from a visitor), the connection log and the desk API.
 */
import type { JSONValue } from '@twilio/conversations';

/** Connection events kept on screen. */
const LOG_LIMIT = 50;

export function element<T extends HTMLElement>(testId: string): T {
  const found = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`desk page lacks ${testId}`);
  return found;
}

export function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, testId?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (testId !== undefined) node.dataset.testid = testId;
  return node;
}

export const ui = {
  name: element<HTMLInputElement>('desk-display-name'),
  empty: element('desk-empty'),
  list: element('desk-conversation-list'),
  connectionState: element('desk-connection-state'),
  drop: element('desk-drop'),
  expire: element('desk-expire'),
  faults: element<HTMLFormElement>('desk-faults-form'),
  refuseInit: element<HTMLSelectElement>('desk-refuse-init'),
  refuseTimes: element<HTMLInputElement>('desk-refuse-times'),
  initDelay: element<HTMLInputElement>('desk-init-delay'),
  frameDelay: element<HTMLInputElement>('desk-frame-delay'),
  clearFaults: element('desk-faults-clear'),
  connectionLog: element('desk-connection-log'),
  chat: element('desk-chat'),
  title: element('desk-chat-title'),
  state: element('desk-chat-state'),
  preEngagement: element('desk-pre-engagement'),
  participants: element('desk-participants'),
  older: element<HTMLButtonElement>('desk-older'),
  messages: element('desk-messages'),
  typing: element('desk-typing'),
  form: element<HTMLFormElement>('desk-composer-form'),
  composer: element<HTMLTextAreaElement>('desk-composer'),
  file: element<HTMLInputElement>('desk-file'),
  markRead: element('desk-mark-read'),
  end: element('desk-end'),
  status: element('desk-status'),
};

export function report(message: string): void {
  ui.status.textContent = message;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function logConnection(event: string): void {
  const item = make('li', undefined, 'desk-connection-event');
  const time = make('time', new Date().toLocaleTimeString());
  time.dateTime = new Date().toISOString();
  item.append(time, ` ${event}`);
  ui.connectionLog.prepend(item);
  while (ui.connectionLog.childElementCount > LOG_LIMIT) ui.connectionLog.lastElementChild?.remove();
}

export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    // A body that is not JSON (a proxy's error page) still leaves the status to report.
    const error = (await response.json().catch(() => ({}))) as { message?: string; error?: string };
    throw new Error(error.message ?? error.error ?? `${path} answered ${response.status}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const deskApi = <T>(path: string, body?: unknown): Promise<T> => call<T>(body === undefined ? 'GET' : 'POST', `/desk/api/${path}`, body);

export function preEngagement(attributes: JSONValue | Record<string, unknown>): [string, string][] {
  const data = typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes) ? attributes.pre_engagement_data : undefined;
  if (typeof data !== 'object' || data === null) return data === undefined ? [] : [['data', typeof data === 'string' ? data : JSON.stringify(data)]];
  return Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

export function renderFacts(target: HTMLElement, facts: [string, string][]): void {
  target.replaceChildren(...facts.flatMap(([key, value]) => [make('dt', key), make('dd', value)]));
}
