import { parseEnv } from './env-file';
import { requiredVariables } from './env-example';

/** First line of the .env `npm start` writes, so a deployment can recognise fake credentials. */
export const FAKE_ENV_MARKER = '# Written by npm start: fake credentials that only the local emulator accepts.';

/**
 * Why this .env must not be deployed, or null when it may be. Catches the mistakes that would
 * otherwise surface only as a broken chat on the live site.
 */
export function deployProblem(envText: string, fileName = '.env'): string | null {
  if (envText.startsWith(FAKE_ENV_MARKER)) {
    return `${fileName} holds the fake credentials npm start wrote: run \`npm run setup\` or fill it with your account's values (see .env.example).`;
  }
  const env = parseEnv(envText);
  // The emulator is reached from the deploying process's environment, never from deployed variables.
  if (env.TWILIO_API_BASE_URL) return `${fileName} sets TWILIO_API_BASE_URL, which only the local emulator uses: remove it.`;
  const missing = requiredVariables().filter((name) => !env[name]);
  if (missing.length > 0) return `${fileName} is missing ${missing.join(', ')} (see .env.example).`;
  return null;
}
