import { fakeTwilioEnv } from '../../scripts/lib/env-file';

/** A complete, valid Functions environment for tests (fake credentials in real shapes). */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...fakeTwilioEnv(),
    ALLOWED_ORIGINS: 'https://shop.example.com,http://localhost:3000',
    TOKEN_TTL_SECONDS: '3600',
    TOKEN_REFRESH_GRACE_SECONDS: '600',
    WELCOME_MESSAGE: 'Welcome {friendlyName}! An agent will be with you in just a moment.',
    // Cheap proof of work and room for every test's chats; the tests of both raise or lower them.
    CHALLENGE_DIFFICULTY: '4',
    MAX_NEW_CHATS_PER_MINUTE: '1000',
    ...overrides,
  };
}

export const ALLOWED_ORIGIN = 'https://shop.example.com';
