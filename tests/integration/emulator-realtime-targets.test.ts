/**
 * The emulator's realtime faults aimed at one identity, with the real @twilio/conversations SDK:
 * `/__emulator/realtime/drop`, `/expire` and `frameDelayMs` with `{identity}` act on that identity's
 * connections only, so a test can cut the visitor and keep the agent (or the other way round).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Client, Message } from '@twilio/conversations';
import { nextEvent } from '../support/conversations-sdk';
import { EmulatorControl } from '../support/emulator-control';
import { AGENT, VISITOR, useSdkCompatWorld } from '../support/sdk-compat-world';

const { emulator, client, createChat, open, agentJoins } = useSdkCompatWorld();
let control: EmulatorControl;

beforeAll(() => {
  control = new EmulatorControl(emulator.url);
});

/** Every connection state `chatClient` reports from now on. */
function statesOf(chatClient: Client): string[] {
  const states: string[] = [];
  chatClient.on('connectionStateChanged', (state) => states.push(state));
  return states;
}

describe('realtime faults for one identity', () => {
  it('drops only the visitor’s socket: the visitor reconnects, the agent never notices', async () => {
    const [visitor, agent] = await Promise.all([client(VISITOR), client(AGENT)]);
    const agentStates = statesOf(agent);
    const visitorStates = statesOf(visitor);
    const back = nextEvent(visitor, 'connectionStateChanged', (state) => state === 'connected');
    expect(await control.dropSockets(VISITOR)).toStrictEqual({ dropped: 1 });
    await back;
    expect(visitorStates).toStrictEqual(['connecting', 'connected']);
    expect(agentStates).toStrictEqual([]);
    expect(await control.dropSockets()).toStrictEqual({ dropped: 2 });
  });

  it('expires only the agent’s connection', async () => {
    const [visitor, agent] = await Promise.all([client(VISITOR), client(AGENT)]);
    const visitorStates = statesOf(visitor);
    const expired = nextEvent(agent, 'tokenExpired');
    expect(await control.expireTokens(AGENT)).toStrictEqual({ expired: 1 });
    await expired;
    expect(visitorStates).toStrictEqual([]);
    expect(visitor.connectionState).toBe('connected');
  });

  it('holds back only the visitor’s frames when the delay names the visitor, and spares the agent from an untargeted one', async () => {
    const sid = await createChat();
    await agentJoins(sid);
    const [visitorChat, agentChat] = await Promise.all([client(VISITOR).then((c) => open(c, sid)), client(AGENT).then((c) => open(c, sid))]);
    const visitorSaw: string[] = [];
    visitorChat.on('messageAdded', (message: Message) => visitorSaw.push(message.body ?? ''));
    await control.realtimeFault({ frameDelayMs: 60_000, identity: VISITOR });
    const agentSees = nextEvent<[Message]>(agentChat, 'messageAdded', (message) => message.body === 'only the agent hears this');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'only the agent hears this' });
    await agentSees;
    expect(visitorSaw).toStrictEqual([]);

    // Every connection delayed but the agent's: the agent still hears at once.
    await control.realtimeFault({ frameDelayMs: 60_000 });
    await control.realtimeFault({ frameDelayMs: 0, identity: AGENT });
    const agentSeesAgain = nextEvent<[Message]>(agentChat, 'messageAdded', (message) => message.body === 'the agent still hears this');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'the agent still hears this' });
    await agentSeesAgain;
    expect(visitorSaw).toStrictEqual([]);
  });

  it('answers 400 to a target it does not understand', async () => {
    const response = await fetch(`${emulator.url}/__emulator/realtime/drop`, { method: 'POST', body: JSON.stringify({ who: VISITOR }) });
    expect([response.status, await response.json()]).toStrictEqual([400, { error: 'unknown target option who' }]);
  });
});
