/**
 * twilio-node for the project's tools (setup, deploy checks, benches, tests), pointed at another
 * API address when one is given: the local emulator. twilio-node has no base-URL option; a custom
 * `httpClient` is its supported extension point. The Functions have their own, bounded by each
 * invocation's deadline (functions/lib/twilio-client.ts).
 */
import twilio from 'twilio';
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { PRODUCT_HOST_HEADER, redirectedCall } from '../../contract/api-redirect';

/** A person at a terminal or a test suite waits this long for one request, never forever. */
const REQUEST_TIMEOUT_MS = 30_000;

class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: REQUEST_TIMEOUT_MS });
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const { uri, host } = redirectedCall(this.baseUrl, options.uri);
    return super.request({ ...options, uri, headers: { ...options.headers, [PRODUCT_HOST_HEADER]: host } });
  }
}

/**
 * A client for the account, reaching Twilio, or `apiBaseUrl` with Twilio's paths when one is given.
 * Retries are off: a retried create could make a second resource.
 */
export function twilioAt(apiBaseUrl: string | null, username: string, password: string, accountSid: string = username): Twilio {
  if (apiBaseUrl === null) return twilio(username, password, { accountSid, autoRetry: false });
  return twilio(username, password, { accountSid, httpClient: new RedirectingRequestClient(apiBaseUrl), autoRetry: false });
}
