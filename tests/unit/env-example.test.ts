import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { documentedVariables, ENV_EXAMPLE_PATH } from '../../scripts/lib/env-example';

const root = path.resolve(__dirname, '../..');

/** Every variable name the configuration modules read (the Functions' settings and the widget's). */
function variablesReadByConfig(): Set<string> {
  const source = ['functions/lib/config.ts', 'functions/lib/widget-settings.ts', 'functions/lib/transcript-email-config.ts', 'functions/lib/identity-config.ts', 'functions/lib/business-hours.ts', 'functions/lib/offline-message.ts', 'functions/lib/ratings-webhook.ts'].map((file) => readFileSync(path.join(root, file), 'utf8')).join('\n');
  return new Set([...source.matchAll(/(?:env\.|'|name = ')([A-Z][A-Z_]{4,})\b/g)].map((match) => match[1] as string));
}

describe('.env.example', () => {
  const documented = documentedVariables(readFileSync(ENV_EXAMPLE_PATH, 'utf8'));

  it('annotates every variable for Twilio\'s tools', () => {
    expect(documented.size >= 8).toBeTruthy();
    for (const annotations of documented.values()) {
      expect(annotations.description).toBeTruthy();
      expect(annotations.format ?? '').toMatch(/^(text|secret|sid)$/);
      expect(annotations.required ?? '').toMatch(/^(true|false)$/);
    }
  });

  it('documents every variable the Functions read, and only those', () => {
    // TWILIO_API_BASE_URL is set by the local stack to reach the emulator; a deployment never has it.
    // DOMAIN_NAME is the runtime's own (the service's domain), never a setting.
    const read = [...variablesReadByConfig()].filter((name) => name !== 'TWILIO_API_BASE_URL' && name !== 'DOMAIN_NAME').sort();
    expect(read).toStrictEqual([...documented.keys()].sort());
  });

  it('marks credentials as secrets', () => {
    expect(documented.get('AUTH_TOKEN')?.format).toBe('secret');
    expect(documented.get('API_SECRET')?.format).toBe('secret');
  });
});
