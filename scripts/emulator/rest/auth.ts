/** Twilio's REST auth: HTTP Basic with either the account sid + auth token or an API key + secret. */

export interface Credentials {
  accountSid: string;
  authToken: string;
  apiKey: string;
  apiSecret: string;
}

export function isAuthorized(authorization: string | undefined, credentials: Credentials): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return (
    (user === credentials.accountSid && password === credentials.authToken) ||
    (user === credentials.apiKey && password === credentials.apiSecret)
  );
}
