/**
 * One soak round: a chat in two visitor tabs (headless Chromium, the real SDK) and an agent (the
 * real SDK and REST), driven at random from a seed through the emulator's faults (drops of one side
 * or both, frame delays, stalls, refused reconnections, expired tokens) while both sides write; then
 * the faults stop, the chat settles, and what each side shows is compared with the conversation.
 * tests/e2e/widget-soak.test.ts runs one short round; `npm run soak` runs rounds for as long as asked.
 */
import type { Page } from 'playwright-core';
import { EmulatedAgent } from './agent';
import { launchBrowser } from './browser';
import { SeededRandom } from './seeded-random';
import { shownWhenSettled } from './shown-messages';
import type { TestStack } from './stack';
import { startChatAs } from './visitor';

export interface SoakOptions {
  seed: number;
  /** How long actions go on before the chat settles. */
  actionsMs: number;
  /** At most this many actions, however fast they go. */
  maxActions: number;
}

export interface SoakRound {
  seed: number;
  /** How many times each action ran. */
  actions: Record<string, number>;
  /** The conversation's texts at the end, oldest first, as Twilio's REST API lists them. */
  conversation: string[];
  /** What each visitor tab shows at the end. */
  tabs: string[][];
  /** The texts each tab's visitor sent that the widget took, in the order sent. */
  sentFromTab: string[][];
  /** The agent's texts sent over REST (each must arrive once) and through its SDK (at most once: a failed send's outcome is unknown). */
  agentRest: string[];
  agentSdk: string[];
  /** What the agent's SDK reported after it joined, by index, and what the conversation holds after that point. */
  agentSaw: string[];
  agentExpected: string[];
}

type Action = 'visitor' | 'agentSdk' | 'agentRest' | 'drop' | 'delay' | 'stall' | 'refuse' | 'expire' | 'heal' | 'lostAnswer';

const ACTIONS: ReadonlyArray<readonly [Action, number]> = [
  ['visitor', 24],
  ['agentSdk', 10],
  ['agentRest', 10],
  ['drop', 6],
  ['delay', 6],
  ['stall', 2],
  ['refuse', 2],
  ['expire', 1],
  ['heal', 4],
  // A visitor's send whose answer may be lost: their frames held back, then the socket cut and
  // refused for a while, the agent writing meanwhile (the case that hid messages after a reconnect).
  ['lostAnswer', 3],
];
const SESSION_KEY = 'twilio-webchat:v1:session';
/** How long a settled chat may take to show everything, per wait (Playwright's own default). */
const SETTLE_MS = 30_000;

/** Sends `text` from a tab's composer; false when the outbox was full and refused it (the text is then cleared). */
async function visitorSends(tab: Page, text: string): Promise<boolean> {
  const composer = tab.locator('#twc-composer');
  await composer.fill(text);
  await composer.press('Enter');
  await tab.waitForFunction(() => {
    const root = document.querySelector('twilio-webchat')?.shadowRoot;
    const area = root?.querySelector<HTMLTextAreaElement>('#twc-composer');
    return area?.value === '' || (root?.textContent ?? '').includes('Too many messages are waiting');
  });
  if ((await composer.inputValue()) === '') return true;
  await composer.fill('');
  return false;
}

/** Until nothing waits in the tab's outbox; a message that failed is retried, as its visitor would. Bounded in rounds; answers how many retries it took. */
async function settleOutbox(tab: Page): Promise<number> {
  const pending = tab.locator('twilio-webchat .message.pending');
  let retries = 0;
  for (let round = 0; round < 5 && (await pending.count()) > 0; round += 1) {
    for (const retry of await tab.locator('twilio-webchat .message.pending button', { hasText: 'Retry' }).all()) {
      await retry.click();
      retries += 1;
    }
    await pending.first().waitFor({ state: 'detached', timeout: SETTLE_MS }).catch(() => undefined);
  }
  return retries;
}

/** Until the agent's SDK has reported `count` messages, or SETTLE_MS passed (polled: the SDK is in this process). */
async function agentCatchesUp(seen: readonly unknown[], count: number): Promise<void> {
  for (const until = Date.now() + SETTLE_MS; seen.length < count && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
}

export async function runSoakRound(stack: TestStack, options: SoakOptions): Promise<SoakRound> {
  const random = new SeededRandom(options.seed);
  const browser = await launchBrowser();
  let agent: EmulatedAgent | undefined;
  try {
    const first = await browser.newPage();
    await startChatAs(first, stack.baseUrl, { name: 'Soak', email: 'soak@example.com', question: `Soak round ${options.seed}` });
    const second = await browser.newPage();
    await second.goto(`${stack.baseUrl}/`);
    await second.locator('twilio-webchat button.launcher').click();
    await second.locator('twilio-webchat .bubble', { hasText: `Soak round ${options.seed}` }).waitFor();
    const tabs = [first, second];
    const visitor = await first.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { identity: string }).identity, SESSION_KEY);
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Soak Agent');
    const joinedAt = Math.max(...(await agent.listOverRest()).map((m) => m.index));
    const seen = agent.watchMessages();

    const round: SoakRound = { seed: options.seed, actions: {}, conversation: [], tabs: [], sentFromTab: [[], []], agentRest: [], agentSdk: [], agentSaw: [], agentExpected: [] };
    const agentSends: Array<Promise<unknown>> = [];
    const target = () => random.weighted<string | undefined>([[visitor, 3], [agent?.identity, 1], [undefined, 1]]);
    const until = Date.now() + options.actionsMs;
    for (let n = 0; n < options.maxActions && Date.now() < until; n += 1) {
      const action = random.weighted(ACTIONS);
      round.actions[action] = (round.actions[action] ?? 0) + 1;
      const text = `${action} ${n}`;
      const fromVisitor = async (): Promise<void> => {
        const tab = random.int(0, 1);
        const tabPage = tabs[tab];
        if (tabPage !== undefined && (await visitorSends(tabPage, `tab ${tab}: ${text}`))) round.sentFromTab[tab]?.push(`tab ${tab}: ${text}`);
        else round.actions.outboxFull = (round.actions.outboxFull ?? 0) + 1;
      };
      switch (action) {
        case 'visitor':
          await fromVisitor();
          break;
        case 'lostAnswer':
          await stack.emulator.realtimeFault({ frameDelayMs: random.int(500, 2_000), identity: visitor });
          await fromVisitor();
          await stack.emulator.realtimeFault({ refuseConnections: random.int(1, 4) });
          await stack.emulator.dropSockets(visitor);
          await stack.emulator.realtimeFault({ frameDelayMs: 0, identity: visitor });
          for (let i = random.int(1, 4); i > 0; i -= 1) {
            round.agentRest.push(`${text}.${i}`);
            await agent.sendOverRest(`${text}.${i}`);
          }
          break;
        case 'agentSdk':
          round.agentSdk.push(text);
          agentSends.push(agent.send(text).catch(() => (round.actions.agentSdkFailed = (round.actions.agentSdkFailed ?? 0) + 1)));
          break;
        case 'agentRest':
          round.agentRest.push(text);
          await agent.sendOverRest(text);
          break;
        case 'drop':
          await stack.emulator.dropSockets(target());
          break;
        case 'delay':
          await stack.emulator.realtimeFault({ frameDelayMs: random.int(50, 300), identity: target() });
          break;
        case 'stall':
          await stack.emulator.realtimeFault({ frameDelayMs: random.int(1_500, 4_000), identity: target() });
          break;
        case 'refuse':
          await stack.emulator.realtimeFault({ refuseConnections: random.int(1, 3) });
          await stack.emulator.dropSockets(visitor);
          break;
        case 'expire':
          await stack.emulator.expireTokens(target());
          break;
        case 'heal':
          await stack.emulator.clearRealtimeFaults();
          break;
      }
      // Think time between actions: part of the workload, drawn from the seed like the actions.
      await new Promise((resolve) => setTimeout(resolve, random.int(10, 200)));
    }

    await stack.emulator.clearRealtimeFaults();
    await Promise.all(agentSends);
    for (const tab of tabs) round.actions.retried = (round.actions.retried ?? 0) + (await settleOutbox(tab));
    const messages = await agent.listOverRest();
    round.conversation = messages.flatMap((m) => (m.body === null ? [] : [m.body]));
    for (const tab of tabs) round.tabs.push(await shownWhenSettled(tab, round.conversation));
    round.agentExpected = messages.filter((m) => m.index > joinedAt).map((m) => m.body ?? '');
    await agentCatchesUp(seen, round.agentExpected.length);
    round.agentSaw = [...seen].sort((a, b) => a.index - b.index).map((m) => m.body ?? '');
    return round;
  } finally {
    await agent?.leave();
    await browser.close();
  }
}

/** What went wrong in a round, as sentences; empty when each side ends with exactly the conversation's messages, in order. */
export function soakProblems(round: SoakRound): string[] {
  const problems: string[] = [];
  const times = (text: string) => round.conversation.filter((body) => body === text).length;
  round.tabs.forEach((shown, tab) => {
    if (JSON.stringify(shown) !== JSON.stringify(round.conversation)) problems.push(`tab ${tab} shows ${shown.length} messages, not the conversation's ${round.conversation.length}`);
  });
  if (JSON.stringify(round.agentSaw) !== JSON.stringify(round.agentExpected)) {
    problems.push(`the agent saw ${round.agentSaw.length} messages, not the conversation's ${round.agentExpected.length}`);
  }
  round.sentFromTab.forEach((sent, tab) => {
    for (const text of sent) if (times(text) !== 1) problems.push(`"${text}" is in the conversation ${times(text)} times`);
    const arrived = round.conversation.filter((body) => sent.includes(body));
    if (JSON.stringify(arrived) !== JSON.stringify(sent)) problems.push(`tab ${tab}'s messages arrived out of the order they were sent`);
  });
  for (const text of round.agentRest) if (times(text) !== 1) problems.push(`"${text}" (agent, REST) is in the conversation ${times(text)} times`);
  for (const text of round.agentSdk) if (times(text) > 1) problems.push(`"${text}" (agent, SDK) is in the conversation ${times(text)} times`);
  return problems;
}

/** A round's counts on one line. */
export function soakSummary(round: SoakRound): string {
  const actions = Object.entries(round.actions)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const sent = round.sentFromTab.reduce((sum, texts) => sum + texts.length, 0);
  return `seed ${round.seed}: ${round.conversation.length} messages (visitor ${sent}, agent ${round.agentRest.length} REST + ${round.agentSdk.length} SDK); actions: ${actions}`;
}
