import twilio from 'twilio';
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { WebchatConfig } from './config';
import type { FunctionContext } from './runtime';

/** Each Twilio call gets at most this long, so three calls in a row still fit a Function's 10 s. */
export const TWILIO_CALL_TIMEOUT_MS = 2500;

/**
 * Sends every request twilio-node makes to `baseUrl` instead of `https://<twilio host>`, keeping
 * the path. twilio-node has no base-URL option; a custom `httpClient` is its supported extension point.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string, timeout: number) {
    super({ timeout });
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri);
    return super.request({ ...options, uri: `${this.baseUrl}${target.pathname}${target.search}` });
  }
}

/**
 * The one way Functions reach Twilio: the runtime's client, pointed at the local emulator when the
 * environment names one. Retries are off: a retry could post a visitor's message twice.
 */
export function twilioClient(context: FunctionContext, config: WebchatConfig): Twilio {
  if (config.apiBaseUrl === null) {
    return context.getTwilioClient({ timeout: TWILIO_CALL_TIMEOUT_MS, autoRetry: false });
  }
  return context.getTwilioClient({
    httpClient: new RedirectingRequestClient(config.apiBaseUrl, TWILIO_CALL_TIMEOUT_MS),
    autoRetry: false,
  });
}
