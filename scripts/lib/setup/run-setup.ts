/**
 * The steps of `npm run setup`, explained as they run: credentials, the allowed origins, Flex's
 * Conversations service (and the role visitors get in it, visitor-role.ts), a web chat address (found, chosen, or created with the shipped Studio
 * flow), an API key, then the annotated settings file. Questions go through `Questions`, which the
 * non-interactive mode answers from its options or refuses.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Twilio } from 'twilio';
import { canonicalOrigin } from '../../../contract/origin';
import { FAKE_ENV_MARKER } from '../deploy-checks';
import { parseEnv, visitorIdentitySecret } from '../env-file';
import { twilioAt } from '../twilio-at';
import { STUDIO_FLOW_FILE } from '../studio-flow';
import { renderEnvFile } from './env-writer';
import { trackingWarning } from './git-tracking';
import { apiKeyExists, chatAddresses, createApiKey, createChatAddress, flexSettings, type ChatAddress } from './flex-lookup';
import { restrictVisitorRole } from './visitor-role';

export interface Questions {
  /** A plain answer, or null when it cannot be asked (non-interactive). */
  text(question: string): Promise<string | null>;
  secret(question: string): Promise<string | null>;
  /** Which address to use when the account has several. */
  address(addresses: readonly ChatAddress[]): Promise<ChatAddress>;
  /** Whether to go ahead with a change to the account. */
  confirm(question: string): Promise<boolean>;
}

export interface SetupOptions {
  root: string;
  envFile: string;
  origins: string | undefined;
  /** Where Twilio's API is reached instead of Twilio (the emulator), from the process environment. */
  apiBaseUrl: string | null;
  /** The process environment, where credentials may come from. */
  environment: Readonly<Record<string, string | undefined>>;
  questions: Questions;
  say: (text: string) => void;
}

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);

async function credential(options: SetupOptions, previous: Record<string, string>, name: 'ACCOUNT_SID' | 'AUTH_TOKEN'): Promise<string> {
  const { environment, questions } = options;
  const value =
    environment[name] || environment[`TWILIO_${name}`] || previous[name] ||
    (name === 'AUTH_TOKEN' ? await questions.secret('Auth Token (hidden):') : await questions.text('Account SID (AC...):'));
  if (!value) throw new Error(`${name} is needed: set it (or TWILIO_${name}) in the environment or in ${path.basename(options.envFile)}, or run without --yes to be asked.`);
  if (name === 'ACCOUNT_SID' && !SID('AC').test(value)) throw new Error('ACCOUNT_SID must be "AC" followed by 32 hex characters (Console > Account info).');
  if (name === 'AUTH_TOKEN' && value.length !== 32) throw new Error('AUTH_TOKEN must be 32 characters long (Console > Account info).');
  return value;
}

async function allowedOrigins(options: SetupOptions, previous: Record<string, string>): Promise<string> {
  // `||`: a blank value in the file (as .env.example has it) counts as none.
  const value = options.origins || previous.ALLOWED_ORIGINS || (await options.questions.text('Web pages allowed to start chats (comma-separated origins, e.g. https://www.example.com):'));
  if (!value) throw new Error('Name the web pages allowed to start chats with --origins https://www.example.com[,https://...].');
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === '*') return '*';
  const origins = entries.map((entry) => {
    const origin = canonicalOrigin(entry);
    if (origin === null) throw new Error(`"${entry}" is not an origin like https://www.example.com (scheme, host and port only).`);
    return origin;
  });
  return origins.join(',');
}

async function webChatAddress(options: SetupOptions, previous: Record<string, string>, client: Twilio, flex: Awaited<ReturnType<typeof flexSettings>>): Promise<ChatAddress> {
  const { say, questions } = options;
  const addresses = await chatAddresses(client);
  const kept = addresses.find((address) => address.sid === previous.ADDRESS_SID);
  if (kept) {
    say(`  Keeping the address already in the file: ${kept.sid} (${kept.friendlyName}).`);
    return kept;
  }
  if (addresses.length === 0) {
    say(`  The account has no web chat address. Setup can create one wired to a new Studio flow made from ${path.relative(options.root, STUDIO_FLOW_FILE)}`);
    say('  (a "Send to Flex" widget that puts the visitor\'s name, email and question in the task attributes).');
    if (!(await questions.confirm('Create the Studio flow and the address?'))) throw new Error('No web chat address: create one in Flex Console > Manage > Messaging, then run setup again.');
    const created = await createChatAddress(client, flex);
    say(`  Created Studio flow ${created.studioFlowSid} and address ${created.sid}.`);
    return created;
  }
  const chosen = addresses.length === 1 ? addresses[0] : await questions.address(addresses);
  if (chosen === undefined) throw new Error('No web chat address was chosen.');
  say(`  Using address ${chosen.sid} (${chosen.friendlyName})${chosen.studioFlowSid ? `, which starts Studio flow ${chosen.studioFlowSid}` : ''}.`);
  return chosen;
}

/** Runs every step and writes the file; answers the values written (secrets included, for tests). */
export async function runSetup(options: SetupOptions): Promise<Record<string, string>> {
  const { say } = options;
  const previousText = await readFile(options.envFile, 'utf8').catch(() => '');
  // The fake credentials npm start writes must not be taken for an account's.
  const usable = previousText.startsWith(FAKE_ENV_MARKER) ? '' : previousText;
  const previous = parseEnv(usable);

  say('1. Your Twilio account: the Account SID and Auth Token from Console > Account info.');
  const accountSid = await credential(options, previous, 'ACCOUNT_SID');
  const authToken = await credential(options, previous, 'AUTH_TOKEN');

  // Asked before anything is created on the account, so a missing answer leaves nothing behind.
  say('2. The web pages allowed to start chats (ALLOWED_ORIGINS).');
  const origins = await allowedOrigins(options, previous);
  const client = twilioAt(options.apiBaseUrl, accountSid, authToken);

  say('3. Flex: the Conversations service its chats live in, the role visitors get there, and its TaskRouter workflow.');
  const flex = await flexSettings(client);
  say(`  Conversations service ${flex.conversationsServiceSid}.`);
  const role = await restrictVisitorRole(client, flex.conversationsServiceSid);
  say(
    role.removed.length === 0
      ? `  Visitors' role "${role.friendlyName}" (${role.roleSid}) cannot join or add to other conversations.`
      : `  Took ${role.removed.join(', ')} from visitors' role "${role.friendlyName}" (${role.roleSid}): a visitor's token cannot join or add to other conversations.`,
  );

  say('4. The web chat address: Flex starts each chat on it, and it names the Studio flow that sends chats to agents.');
  const address = await webChatAddress(options, previous, client, flex);

  say('5. An API key: the Functions sign visitors\' Access Tokens with it. Its secret is shown once, so it goes straight into the file.');
  let apiKey = { sid: previous.API_KEY ?? '', secret: previous.API_SECRET ?? '' };
  if (apiKey.sid !== '' && apiKey.secret !== '' && (await apiKeyExists(client, accountSid, apiKey.sid))) {
    say(`  Keeping API key ${apiKey.sid} from the file.`);
  } else {
    apiKey = await createApiKey(client, accountSid);
    say(`  Created API key ${apiKey.sid}.`);
  }

  const found = {
    ACCOUNT_SID: accountSid,
    AUTH_TOKEN: authToken,
    API_KEY: apiKey.sid,
    API_SECRET: apiKey.secret,
    ADDRESS_SID: address.sid,
    CONVERSATIONS_SERVICE_SID: flex.conversationsServiceSid,
    ALLOWED_ORIGINS: origins,
    // Kept when the file has one; a site that signs with its own keys sets VISITOR_IDENTITY_JWKS_URL instead.
    ...(previous.VISITOR_IDENTITY_JWKS_URL || previous.VISITOR_IDENTITY_PUBLIC_KEYS ? {} : { VISITOR_IDENTITY_SECRET: previous.VISITOR_IDENTITY_SECRET || visitorIdentitySecret() }),
  };
  const example = await readFile(path.join(options.root, '.env.example'), 'utf8');
  await writeFile(options.envFile, renderEnvFile(example, found, usable), { mode: 0o600 });
  await chmod(options.envFile, 0o600); // an existing file keeps its mode through writeFile
  say(`\nWrote ${options.envFile} (credentials included: keep it out of version control).`);
  const warning = await trackingWarning(options.envFile);
  if (warning !== null) say(warning);
  return found;
}
