/**
 * The one seam between the cross-engine journeys and a browser engine: a page that can navigate,
 * run a function in the page, and act on the widget's elements (CSS selectors inside its open
 * shadow root) as a visitor would. Each engine implements it with its own driver: Chromium with
 * playwright-core, Firefox with puppeteer-core over WebDriver BiDi, WebKit with selenium-webdriver.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /**
   * Runs `fn` in the page with `arg` (both must survive JSON) and answers its result; a returned
   * promise is awaited. `fn` sees only the page's globals, not this module's.
   */
  run<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Runs a script's source in the page's global scope (how axe-core is injected). */
  inject(source: string): Promise<void>;
  /** Clicks the widget's element matching `selector`, with the pointer. */
  click(selector: string): Promise<void>;
  /** Focuses the widget's element matching `selector` and types `text` with the keyboard; `\n` presses Enter. */
  type(selector: string, text: string): Promise<void>;
  /** Chooses `paths` in the widget's file input matching `selector`. */
  chooseFiles(selector: string, paths: string[]): Promise<void>;
  /** Saves a screenshot of the viewport as test-artifacts/screenshots/<engine>-<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The widget's element matching `selector`, found in the page: the drivers hand it to their own element APIs. */
export function widgetElement(selector: string): Element {
  const element = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector(selector);
  if (element === null || element === undefined) throw new Error(`the widget shows no ${selector}`);
  return element;
}
