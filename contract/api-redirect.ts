/**
 * How a Twilio API call is sent to a local stand-in (the emulator) instead of Twilio: to the base
 * URL with the same path and query, and with the product's host (conversations.twilio.com,
 * sync.twilio.com, ...) kept in `X-Forwarded-Host`, the header a proxy uses for the host the
 * client asked for (https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/X-Forwarded-Host).
 * Paths alone are ambiguous across products: `/v1/Services/IS…` is a Conversations service on
 * conversations.twilio.com and a Sync service on sync.twilio.com, and both sids start with IS.
 */
export const PRODUCT_HOST_HEADER = 'x-forwarded-host';

export interface RedirectedCall {
  uri: string;
  /** The product's host, e.g. `conversations.twilio.com`. */
  host: string;
}

/** `uri` (an absolute Twilio API URL) re-aimed at `baseUrl`. */
export function redirectedCall(baseUrl: string, uri: string): RedirectedCall {
  const target = new URL(uri);
  return { uri: `${baseUrl}${target.pathname}${target.search}`, host: target.host };
}
