/**
 * `npm run deploy [-- --env <file>]`: after `npm run build` (the npm script runs it), deploys the
 * public Functions and the widget's production files to the account in the env file (default
 * .env), sets UiEditable so the Console can change the variables, and prints the embed tag. It
 * stops when the Console's variables differ from the file, unless --keep-console or --overwrite.
 * `TWILIO_API_BASE_URL` in this process's environment (never in the file) sends every call to a
 * local emulator instead of Twilio: that is how the deployment is tested.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiBaseUrlFromEnvironment } from './lib/api-base-url';
import { deployProject } from './lib/deploy-project';

const root = path.resolve(__dirname, '..');

const HELP = `Usage: npm run deploy [-- --env <file>] [--keep-console | --overwrite]

Deploys dist/ (run by npm run deploy after npm run build) to the Twilio account in the env file.
When a variable was changed in the Twilio Console since, it stops and lists the differences.
  --env <file>      the settings to deploy (default: .env); \`npm run setup\` writes it
  --keep-console    keep the Console's values, and write them into the file
  --overwrite       replace the Console's values with the file's
  --help            show this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string', default: '.env' },
      'keep-console': { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values['keep-console'] && values.overwrite) throw new Error('--keep-console and --overwrite say opposite things: choose one.');
  const baseUrl = apiBaseUrlFromEnvironment(process.env);
  if (baseUrl !== null) console.log(`Deploying to the Twilio API at ${baseUrl} (TWILIO_API_BASE_URL), not to Twilio.`);
  const deployment = await deployProject({
    root,
    envFile: path.resolve(values.env),
    apiBaseUrl: baseUrl,
    onStatus: (message) => console.log(`  ${message}`),
    consoleEdits: values['keep-console'] ? 'keep-console' : values.overwrite ? 'overwrite' : 'stop',
  });
  console.log(`
Deployed to https://${deployment.domain} (service ${deployment.serviceSid}, build ${deployment.buildSid}).
Its variables are editable in the Twilio Console: Functions and Assets > Services > ${deployment.serviceSid} > Environment Variables.
Embed the chat on your site with:
  ${deployment.embedTag}
`);
}

/** twilio-run's client fails with got's HTTPError (`response.statusCode`) or its own API error (`details.status`). */
function explain(error: unknown): string {
  const failure = error as { response?: { statusCode?: unknown }; details?: { status?: unknown } };
  if ((failure.response?.statusCode ?? failure.details?.status) === 401) {
    return 'Twilio refused the credentials (20003 Authenticate): check ACCOUNT_SID and AUTH_TOKEN in the file, or run `npm run setup`.';
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(explain(error));
  process.exit(1);
});
