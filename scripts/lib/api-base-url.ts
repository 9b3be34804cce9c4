import { canonicalOrigin } from '../../contract/origin';

/**
 * Where setup and deploy reach Twilio's API instead of Twilio (the local emulator), read from the
 * process environment only: a settings file that named it would be deployed with it.
 */
export function apiBaseUrlFromEnvironment(environment: Readonly<Record<string, string | undefined>>): string | null {
  const value = environment.TWILIO_API_BASE_URL;
  if (value === undefined || value === '') return null;
  const origin = canonicalOrigin(value);
  if (origin === null) throw new Error('TWILIO_API_BASE_URL must be an origin like http://127.0.0.1:3001');
  return origin;
}
