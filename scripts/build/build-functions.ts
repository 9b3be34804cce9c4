import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles each public Function (a `.ts` file directly in `functions/`) into one `.js` file, so the
 * helpers in `functions/lib/` never become endpoints of their own. `twilio` stays external: Twilio
 * installs it from `dependencies` and the runtime's `getTwilioClient()` uses that same copy.
 * `@sendgrid/*` (emailTranscript) too: installed the same way, instead of ~650 KB of it and axios
 * pasted into one Function.
 */
export async function buildFunctions(sourceDir: string, outdir: string): Promise<string[]> {
  const entries = (await readdir(sourceDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(sourceDir, entry.name));
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['twilio', '@sendgrid/mail', '@sendgrid/client'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return entries.map((entry) => path.basename(entry, '.ts'));
}
