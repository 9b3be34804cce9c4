/**
 * .env.example is the one list of settings: each variable with the `# description:`, `# format:`,
 * `# required:` and `# link:` annotations Twilio's tools read. Setup, the deploy checks and the
 * tests take what they need from it rather than keeping lists of their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ENV_EXAMPLE_PATH = path.resolve(__dirname, '../../.env.example');

export type Annotations = Partial<Record<'description' | 'format' | 'required' | 'link', string>>;

/** Each variable in `text`, in order, with the annotations written just above it. */
export function documentedVariables(text: string): Map<string, Annotations> {
  const variables = new Map<string, Annotations>();
  let annotations: Annotations = {};
  for (const line of text.split('\n')) {
    const annotation = /^#\s*(description|format|required|link):\s*(.*)$/.exec(line);
    const variable = /^([A-Z][A-Z0-9_]*)=/.exec(line);
    if (annotation) annotations[annotation[1] as keyof Annotations] = annotation[2] ?? '';
    else if (variable) {
      variables.set(variable[1] ?? '', annotations);
      annotations = {};
    } else if (line.trim() === '') annotations = {};
  }
  return variables;
}

/** The variables a deployment cannot work without (`# required: true`). */
export function requiredVariables(text: string = readFileSync(ENV_EXAMPLE_PATH, 'utf8')): string[] {
  return [...documentedVariables(text)].filter(([, annotations]) => annotations.required === 'true').map(([name]) => name);
}
