/**
 * The widget as the cross-engine journeys see it, the same in every engine: waits and reads run
 * inside the page (through EnginePage.run), so they behave alike whatever the driver.
 */
import { readFile } from 'node:fs/promises';
import type { EnginePage } from './engine-page';

interface Query {
  selector: string;
  text: string;
  gone: boolean;
}

/**
 * Resolves once the widget shows (or, with `gone`, no longer shows) an element matching `selector`
 * whose text contains `text`; rejects after 20 s naming what never showed, so a journey fails with
 * its step instead of the driver's bare script timeout.
 */
function waitInPage(query: Query): Promise<void> {
  const found = (): boolean => {
    const root = document.querySelector('twilio-webchat')?.shadowRoot;
    return [...(root?.querySelectorAll(query.selector) ?? [])].some((element) => (element.textContent ?? '').includes(query.text));
  };
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const check = (): void => {
      if (found() !== query.gone) resolve();
      else if (Date.now() > deadline) reject(new Error(`the widget ${query.gone ? 'still shows' : 'never showed'} ${query.selector} "${query.text}"`));
      else setTimeout(check, 20);
    };
    check();
  });
}

export interface AxeFinding {
  id: string;
  targets: string;
}

export class Widget {
  constructor(readonly page: EnginePage) {}

  async shows(selector: string, text = ''): Promise<void> {
    await this.page.run(waitInPage, { selector, text, gone: false });
  }

  async hides(selector: string, text = ''): Promise<void> {
    await this.page.run(waitInPage, { selector, text, gone: true });
  }

  /** The text of each of the widget's elements matching `selector`, in document order. */
  texts(selector: string): Promise<string[]> {
    return this.page.run(
      (sel) => [...(document.querySelector('twilio-webchat')?.shadowRoot?.querySelectorAll(sel) ?? [])].map((element) => element.textContent ?? ''),
      selector,
    );
  }

  /** The string property `name` (value, id, ...) of the widget's first element matching `selector`, or null. */
  property(selector: string, name: string): Promise<string | null> {
    return this.page.run(([sel, prop]) => {
      const element = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector(sel);
      const value: unknown = element === null || element === undefined ? null : (element as unknown as Record<string, unknown>)[prop];
      return typeof value === 'string' ? value : null;
    }, [selector, name] as const);
  }

  /** The id of the element focused inside the widget, or null. */
  focusedId(): Promise<string | null> {
    return this.page.run(() => document.querySelector('twilio-webchat')?.shadowRoot?.activeElement?.id ?? null, null);
  }

  storage(key: string): Promise<string | null> {
    return this.page.run((k) => localStorage.getItem(k), key);
  }

  /** axe-core's violations inside the widget (it pierces open shadow roots), as rule ids with their targets. */
  async axe(): Promise<AxeFinding[]> {
    await this.page.inject(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
    return this.page.run(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const { violations } = await axe.run({ include: [['twilio-webchat']] }, { resultTypes: ['violations'] });
      return violations.map((v) => ({ id: v.id, targets: JSON.stringify(v.nodes.map((n) => n.target)) }));
    }, null);
  }
}
