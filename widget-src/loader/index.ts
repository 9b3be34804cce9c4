/**
 * `webchat.js`: the only script a host page loads. It defines `window.Twilio.initWebchat` (keeping
 * any existing `window.Twilio`) and, unless the tag says `data-auto-init="false"`, starts the
 * widget with defaults so a bare `<script src=".../webchat.js" async>` is enough. The current
 * widget's handle is `Twilio.webchat`; calls a page queued in `Twilio.webchatQueue` before this
 * script arrived run, in order, as soon as a widget is on the page (see common/page-api.ts).
 */
import type { WebchatConfig } from '../common/config';
import type { WebchatHandle, WebchatQueuedCall } from '../common/page-api';
import { whenParsed } from './when-parsed';
import { createWidget } from './widget';

// Set while a classic script first runs (async and injected ones too), so read here, at evaluation.
const script = document.currentScript as HTMLScriptElement | null;
/** This loader's URL: the default server and the base of the app chunk's URL. */
const loaderUrl = script?.src ?? location.href;
const twilio = (window.Twilio ??= {});
let explicitlyInitialised = false;

function run([method, ...args]: WebchatQueuedCall): void {
  try {
    (twilio.webchat?.[method] as (...values: unknown[]) => unknown)(...args);
  } catch (error) {
    // A queued call that cannot run (a misspelt method name, say): tell the page's developer, run the rest.
    console.error(error);
  }
}

function start(config: WebchatConfig): WebchatHandle {
  twilio.webchat?.destroy();
  const handle = createWidget(config, loaderUrl, (gone) => {
    if (twilio.webchat === gone) delete twilio.webchat;
  });
  twilio.webchat = handle;
  const queue = (twilio.webchatQueue ??= []);
  for (const call of queue.splice(0)) run(call);
  // Later pushes run at once, against whichever widget is current then.
  queue.push = (...calls) => {
    calls.forEach(run);
    return 0;
  };
  return handle;
}

/** Public API, compatible with the original app: calling it again replaces the widget (and `Twilio.webchat`). */
function initWebchat(config: WebchatConfig = {}): WebchatHandle {
  explicitlyInitialised = true;
  return start(config);
}

twilio.initWebchat = initWebchat;

if (script?.dataset.autoInit !== 'false') {
  // Waits for DOMContentLoaded and one more task, so a host that calls initWebchat from its own
  // DOMContentLoaded or onload handler (the original app's snippet) replaces the defaults before they start.
  const later = (): void => {
    setTimeout(() => {
      if (!explicitlyInitialised) start({});
    }, 0);
  };
  whenParsed(later);
}
