/**
 * Writes the settings file setup produces: .env.example's text, annotations included (Twilio's
 * tools read them), with each variable given the value setup found, else the one already in the
 * file, else the example's default. Variables the example does not know are kept at the end.
 * Values are written unquoted, as the example has them (dotenv reads the rest of the line).
 */
import { parseEnv } from '../env-file';

const HEADER = '# Written by npm run setup. Deploy with `npm run deploy`; after that, change settings in the Twilio Console.';

export function renderEnvFile(example: string, found: Readonly<Record<string, string>>, previousText: string): string {
  const previous = parseEnv(previousText);
  const written = new Set<string>();
  const lines = example.split('\n').map((line) => {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match === null) return line;
    const [, key = '', fallback = ''] = match;
    written.add(key);
    return `${key}=${found[key] ?? previous[key] ?? fallback}`;
  });
  const kept = Object.entries({ ...previous, ...found }).filter(([key]) => !written.has(key));
  const extra = kept.length === 0 ? [] : ['', '# Kept from the previous file', ...kept.map(([key, value]) => `${key}=${value}`)];
  return [HEADER, ...lines, ...extra].join('\n').replace(/\n*$/, '\n');
}
