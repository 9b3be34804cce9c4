/**
 * `npm run setup`: connects the project to a Twilio Flex account and writes the settings file.
 * See HELP below and scripts/lib/setup/run-setup.ts for the steps.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiBaseUrlFromEnvironment } from './lib/api-base-url';
import { ask, askSecret, choose } from './lib/prompt';
import { runSetup, type Questions } from './lib/setup/run-setup';

const root = path.resolve(__dirname, '..');

const HELP = `Usage: npm run setup [-- options]

Connects this project to your Twilio Flex account: finds the Conversations service Flex uses and
its web chat addresses (or creates one wired to a Studio flow made from flex/webchat-studio-flow.json),
creates an API key, and writes the settings file the Functions and \`npm run deploy\` read.
Interactive by default: it explains each step and asks for what it cannot find.

Options:
  --yes               ask nothing: credentials come from the environment or the file, the first
                      web chat address is used (or --address), and anything missing is an error
  --origins <list>    web pages allowed to start chats, as comma-separated origins,
                      e.g. --origins https://www.example.com,https://shop.example.com
  --env <file>        the settings file to write (default: .env), like twilio-run's --env
                      (not --env-file: tsx hands that to Node itself)
  --address <IG...>   the web chat address to use when the account has several
  --help              show this text

Credentials: ACCOUNT_SID and AUTH_TOKEN (or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN) from the
environment, else from the file, else asked for.`;

function questionsFor(yes: boolean, address: string | undefined): Questions {
  const pickAddress: Questions['address'] = async (addresses) => {
    if (address !== undefined) {
      const named = addresses.find((candidate) => candidate.sid === address);
      if (named === undefined) throw new Error(`--address ${address} is not one of the account's web chat addresses: ${addresses.map((a) => a.sid).join(', ')}.`);
      return named;
    }
    const [first] = addresses;
    if (yes && first !== undefined) {
      console.log(`  The account has ${addresses.length} web chat addresses; using the first (choose another with --address).`);
      return first;
    }
    console.log('  The account has several web chat addresses:');
    return choose('Which one should the widget use?', addresses, (a) => `${a.sid}  ${a.friendlyName}${a.studioFlowSid ? `  (Studio flow ${a.studioFlowSid})` : ''}`);
  };
  if (yes) {
    return { text: async () => null, secret: async () => null, address: pickAddress, confirm: async () => true };
  }
  return {
    text: (question) => ask(question),
    secret: (question) => askSecret(question),
    address: pickAddress,
    confirm: async (question) => /^y(es)?$/i.test(await ask(`${question} (y/n)`, 'y')),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      yes: { type: 'boolean', default: false },
      origins: { type: 'string' },
      env: { type: 'string', default: '.env' },
      address: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const baseUrl = apiBaseUrlFromEnvironment(process.env);
  if (baseUrl !== null) console.log(`Using the Twilio API at ${baseUrl} (TWILIO_API_BASE_URL), not Twilio.\n`);
  const envFile = path.resolve(values.env);
  const found = await runSetup({
    root,
    envFile,
    origins: values.origins,
    apiBaseUrl: baseUrl,
    environment: process.env,
    questions: questionsFor(values.yes, values.address),
    say: (text) => console.log(text),
  });
  const shown = path.relative(process.cwd(), envFile);
  const envArgument = shown === '.env' ? '' : ` -- --env ${shown.startsWith('..') ? envFile : shown}`;
  console.log(`
Next:
  npm run deploy${envArgument}     deploys the Functions and the widget, and prints the tag to embed
  In Flex, give agents a public_identity in their worker attributes: visitors see that name.
Flex Conversations service ${found.CONVERSATIONS_SERVICE_SID}, address ${found.ADDRESS_SID}, API key ${found.API_KEY}.`);
}

main().catch((error: unknown) => {
  // twilio-node's RestException: 401 means the Account SID and Auth Token do not match.
  const refused = (error as { status?: unknown }).status === 401;
  console.error(refused ? 'Twilio refused the credentials (20003 Authenticate): check ACCOUNT_SID and AUTH_TOKEN (Console > Account info).' : error instanceof Error ? error.message : error);
  process.exit(1);
});
