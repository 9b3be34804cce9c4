import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { deployProblem, FAKE_ENV_MARKER } from '../../scripts/lib/deploy-checks';
import { formatEnv } from '../../scripts/lib/env-file';
import { testEnv } from '../support/fixtures';

describe('deploy checks', () => {
  it('lets a complete .env be deployed', () => {
    expect(deployProblem(formatEnv(testEnv()))).toBe(null);
  });

  it('refuses the fake credentials npm start wrote', () => {
    expect(deployProblem(`${FAKE_ENV_MARKER}\n${formatEnv(testEnv())}`) ?? '').toMatch(/fake credentials/);
  });

  it('refuses a .env that points at the local emulator', () => {
    expect(deployProblem(formatEnv(testEnv({ TWILIO_API_BASE_URL: 'http://127.0.0.1:3001' }))) ?? '').toMatch(/TWILIO_API_BASE_URL/);
  });

  it('names the settings still missing', () => {
    const template = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
    expect(deployProblem(template) ?? '').toMatch(/missing ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, ADDRESS_SID, CONVERSATIONS_SERVICE_SID, ALLOWED_ORIGINS/);
  });
});
