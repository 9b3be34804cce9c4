/**
 * `webchat.js`: the only script a host page loads. It defines `window.Twilio.initWebchat` (keeping
 * any existing `window.Twilio`) and, unless the tag says `data-auto-init="false"`, starts the
 * widget with defaults so a bare `<script src=".../webchat.js" async>` is enough.
 */
import type { WebchatConfig } from '../common/config';
import { loaderScriptUrl } from './script-url';
import { createWidget, type WidgetInstance } from './widget';

interface TwilioNamespace {
  initWebchat?: (config?: WebchatConfig) => void;
  [key: string]: unknown;
}

const script = document.currentScript;
const loaderUrl = loaderScriptUrl();
let instance: WidgetInstance | null = null;
let explicitlyInitialised = false;

function start(config: WebchatConfig): void {
  instance?.destroy();
  instance = createWidget(config, loaderUrl);
}

/** Public API, compatible with the original app: calling it again replaces the widget. */
function initWebchat(config: WebchatConfig = {}): void {
  explicitlyInitialised = true;
  whenBodyReady(() => start(config));
}

function whenBodyReady(run: () => void): void {
  if (document.body !== null) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

const globals = window as unknown as { Twilio?: TwilioNamespace };
const namespace: TwilioNamespace = globals.Twilio ?? {};
namespace.initWebchat = initWebchat;
globals.Twilio = namespace;

const autoInit = !(script instanceof HTMLScriptElement && script.dataset.autoInit === 'false');
if (autoInit) {
  // Waits for DOMContentLoaded and one more task, so a host that calls initWebchat from its own
  // DOMContentLoaded or onload handler (the original app's snippet) replaces the defaults before they start.
  const later = (): void => {
    setTimeout(() => {
      if (!explicitlyInitialised) start({});
    }, 0);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', later, { once: true });
  else later();
}
