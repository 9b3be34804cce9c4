import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(__dirname, '../..');

/** The variables of .env.example with the `# key: value` annotations written above each. */
function documentedVariables(): Map<string, Record<string, string>> {
  const variables = new Map<string, Record<string, string>>();
  let annotations: Record<string, string> = {};
  for (const line of readFileSync(path.join(root, '.env.example'), 'utf8').split('\n')) {
    const annotation = /^#\s*(description|format|required|link):\s*(.*)$/.exec(line);
    const variable = /^([A-Z_]+)=/.exec(line);
    if (annotation) annotations[annotation[1] as string] = annotation[2] as string;
    else if (variable) {
      variables.set(variable[1] as string, annotations);
      annotations = {};
    } else if (line.trim() === '') annotations = {};
  }
  return variables;
}

/** Every variable name the configuration modules read (the Functions' settings and the widget's). */
function variablesReadByConfig(): Set<string> {
  const source = ['functions/lib/config.ts', 'functions/lib/widget-settings.ts'].map((file) => readFileSync(path.join(root, file), 'utf8')).join('\n');
  return new Set([...source.matchAll(/(?:env\.|'|name = ')([A-Z][A-Z_]{4,})\b/g)].map((match) => match[1] as string));
}

describe('.env.example', () => {
  const documented = documentedVariables();

  it('annotates every variable for Twilio\'s tools', () => {
    expect(documented.size >= 8).toBeTruthy();
    for (const [name, annotations] of documented) {
      expect(annotations.description).toBeTruthy();
      expect(annotations.format ?? '').toMatch(/^(text|secret|sid)$/);
      expect(annotations.required ?? '').toMatch(/^(true|false)$/);
    }
  });

  it('documents every variable the Functions read, and only those', () => {
    // TWILIO_API_BASE_URL is set by the local stack to reach the emulator; a deployment never has it.
    const read = [...variablesReadByConfig()].filter((name) => name !== 'TWILIO_API_BASE_URL').sort();
    expect(read).toStrictEqual([...documented.keys()].sort());
  });

  it('marks credentials as secrets', () => {
    expect(documented.get('AUTH_TOKEN')?.format).toBe('secret');
    expect(documented.get('API_SECRET')?.format).toBe('secret');
  });
});
