import twilio from 'twilio';
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { PRODUCT_HOST_HEADER, redirectedCall } from '../../contract/api-redirect';
import type { FunctionsConfig } from './config';
import type { Deadline } from './deadline';
import type { FunctionContext } from './runtime';

/**
 * twilio-node's HTTP client, bounded by the invocation's deadline: each request times out with
 * what is left of the budget. When `baseUrl` is set (local development), every request goes there
 * instead of `https://<twilio host>`, keeping the path and naming the host (contract/api-redirect.ts): twilio-node has no base-URL option, and a
 * custom `httpClient` is its supported extension point.
 */
export class BoundedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly deadline: Deadline,
    private readonly baseUrl: string | null,
  ) {
    super({ timeout: deadline.requestTimeoutMs() });
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const timeout = this.deadline.requestTimeoutMs();
    if (this.baseUrl === null) return super.request({ ...options, timeout });
    const { uri, host } = redirectedCall(this.baseUrl, options.uri);
    return super.request({ ...options, timeout, uri, headers: { ...options.headers, [PRODUCT_HOST_HEADER]: host } });
  }
}

/**
 * The one way Functions reach Twilio: the runtime's client, bounded by the deadline and pointed at
 * the local emulator when the environment names one. Retries are off: a retry could post a
 * visitor's message twice.
 */
export function twilioClient(context: FunctionContext, config: FunctionsConfig, deadline: Deadline): Twilio {
  return context.getTwilioClient({ httpClient: new BoundedRequestClient(deadline, config.apiBaseUrl), autoRetry: false });
}
