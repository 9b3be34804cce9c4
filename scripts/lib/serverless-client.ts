/**
 * The deploy seam: twilio-run's own programmatic client (`@twilio-labs/serverless-api`, the code
 * behind `twilio serverless:deploy`) with its requests sent to a local base URL when one is given.
 *
 * Why this seam: the client always builds `https://serverless.twilio.com/v1` and, for uploads,
 * `https://serverless-upload.twilio.com/v1` (api/utils/api-client.js), and every call it makes goes
 * through its public `request(method, path, options)`. Overriding that one method keeps the path,
 * query and body Twilio would get and changes only where they go. The alternatives were worse: its
 * HTTP_PROXY support tunnels HTTPS through CONNECT, so the emulator would have to terminate TLS for
 * Twilio's hostnames with a certificate Node trusts; spawning the twilio-run CLI leaves no seam at all.
 */
import { TwilioServerlessApiClient, type ClientConfig } from '@twilio-labs/serverless-api';
import { PRODUCT_HOST_HEADER, redirectedCall } from '../../contract/api-redirect';
import type { HTTPAlias, OptionsOfJSONResponseBody, OptionsOfTextResponseBody, Response } from 'got';

type RequestOptions = OptionsOfJSONResponseBody | OptionsOfTextResponseBody;

/** Where twilio-run sends a relative path when the caller names no other prefix. */
const DEFAULT_PREFIX = 'https://serverless.twilio.com/v1';

/**
 * `path` and `options` re-aimed at `baseUrl`, keeping the path (version segment included) and
 * query, and naming Twilio's host as contract/api-redirect.ts says.
 */
export function rebase<O extends RequestOptions>(baseUrl: string, path: string, options: O): [string, O] {
  if (/^https?:\/\//.test(path)) {
    // Paging follows absolute `next_page_url`s, which twilio-run requests with an empty prefix.
    const { uri, host } = redirectedCall(baseUrl, path);
    return [uri, { ...options, prefixUrl: '', headers: { ...options.headers, [PRODUCT_HOST_HEADER]: host } }];
  }
  const prefix = new URL(String(options.prefixUrl ?? DEFAULT_PREFIX));
  const headers = { ...options.headers, [PRODUCT_HOST_HEADER]: prefix.host };
  return [path, { ...options, prefixUrl: `${baseUrl}${prefix.pathname.replace(/\/$/, '')}`, headers }];
}

export class RebasedServerlessClient extends TwilioServerlessApiClient {
  constructor(config: ClientConfig, private readonly baseUrl: string) {
    super(config);
  }

  override request(method: HTTPAlias, path: string): Promise<Response<unknown>>;
  override request(method: HTTPAlias, path: string, options: OptionsOfJSONResponseBody): Promise<Response<unknown>>;
  override request(method: HTTPAlias, path: string, options: OptionsOfTextResponseBody): Promise<Response<string>>;
  override request(method: HTTPAlias, path: string, options: RequestOptions = {}): Promise<Response<unknown>> {
    const [target, rebased] = rebase(this.baseUrl, path, options);
    return rebased.responseType === 'text'
      ? super.request(method, target, rebased)
      : super.request(method, target, rebased as OptionsOfJSONResponseBody);
  }
}

/** twilio-run's client for `config`, pointed at `baseUrl` (an emulator) when one is given. */
export function serverlessClient(config: ClientConfig, baseUrl: string | null): TwilioServerlessApiClient {
  return baseUrl === null ? new TwilioServerlessApiClient(config) : new RebasedServerlessClient(config, baseUrl);
}
