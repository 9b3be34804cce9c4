/**
 * `webchat.d.ts`, shipped next to `webchat.js`: the declarations a host page written in TypeScript
 * checks its calls against. Written from the widget's own sources (common/config.ts and
 * common/page-api.ts, which hold types only, and the text keys of app/i18n/en.ts and en-chat.ts), so the shipped
 * types cannot drift from the code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EN } from '../../widget-src/app/i18n/en';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { EN_FORM } from '../../widget-src/app/i18n/en-form';

const COMMON = path.resolve(__dirname, '../../widget-src/common');

const HEADER = `/**
 * Types of the Twilio webchat widget's page API: \`window.Twilio.initWebchat(config)\`, the handle it
 * answers (also \`window.Twilio.webchat\`) and its events. Reference this file from your project.
 */
`;

/** The text of webchat.d.ts. */
export async function webchatTypes(): Promise<string> {
  // config.ts names the text keys through the app's English table; the page gets them spelt out.
  const keys = [...Object.keys(EN), ...Object.keys(EN_CHAT), ...Object.keys(EN_FORM)].map((key) => JSON.stringify(key)).join(' | ');
  const config = (await readFile(path.join(COMMON, 'config.ts'), 'utf8')).replace(
    /^import type \{ TextOverrides \} from .*\n/m,
    `/** Any of the widget's texts, by key. */\ntype TextOverrides = Partial<Record<${keys}, string>>;\n`,
  );
  // page-api.ts imports config.ts, which this file now contains.
  const api = (await readFile(path.join(COMMON, 'page-api.ts'), 'utf8')).replace(/^import type .*\n/m, '');
  return `${HEADER}\n${config}\n${api}`;
}

export async function writeWebchatTypes(outdir: string): Promise<void> {
  await writeFile(path.join(outdir, 'webchat.d.ts'), await webchatTypes());
}
