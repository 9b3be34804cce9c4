/**
 * What setup asks Twilio: the Conversations service Flex uses, the account's web chat (Chat)
 * addresses, a new address wired to the shipped Studio flow when there is none, and an API key.
 * Every call goes through one twilio-node client, so the emulator can stand in for Twilio.
 */
import type { Twilio } from 'twilio';
import { STUDIO_FLOW_NAME, studioFlowDefinition } from '../studio-flow';

export interface ChatAddress {
  sid: string;
  friendlyName: string;
  /** The Studio flow new conversations start, when the address uses one. */
  studioFlowSid: string | null;
}

export interface NewApiKey {
  sid: string;
  secret: string;
}

const NO_FLEX = 'This account has no Flex (with Conversations) set up: create a Flex account first (https://console.twilio.com/us1/develop/flex), then run setup again.';

/** Flex's configuration: where its Conversations service and TaskRouter workflow are. */
export async function flexSettings(client: Twilio): Promise<{ conversationsServiceSid: string; workspaceSid: string; workflowSid: string }> {
  const configuration = await client.flexApi.v1.configuration().fetch().catch((error: unknown) => {
    if ((error as { status?: unknown }).status === 404) throw new Error(NO_FLEX);
    throw error;
  });
  const { flexServiceInstanceSid, taskrouterWorkspaceSid, taskrouterTargetWorkflowSid } = configuration;
  if (!flexServiceInstanceSid || !taskrouterWorkspaceSid || !taskrouterTargetWorkflowSid) {
    throw new Error(NO_FLEX);
  }
  return { conversationsServiceSid: flexServiceInstanceSid, workspaceSid: taskrouterWorkspaceSid, workflowSid: taskrouterTargetWorkflowSid };
}

export async function chatAddresses(client: Twilio): Promise<ChatAddress[]> {
  const addresses = await client.conversations.v1.addressConfigurations.list({ type: 'chat' });
  return addresses.map((address) => {
    const autoCreation = (address.autoCreation ?? {}) as { studio_flow_sid?: unknown };
    return {
      sid: address.sid,
      friendlyName: address.friendlyName ?? address.address,
      studioFlowSid: typeof autoCreation.studio_flow_sid === 'string' ? autoCreation.studio_flow_sid : null,
    };
  });
}

/** Creates the Studio flow from the shipped template, then a Chat address whose conversations start it. */
export async function createChatAddress(
  client: Twilio,
  flex: { conversationsServiceSid: string; workspaceSid: string; workflowSid: string },
): Promise<ChatAddress> {
  const channels = await client.taskrouter.v1.workspaces(flex.workspaceSid).taskChannels.list();
  const chat = channels.find((channel) => channel.uniqueName === 'chat');
  if (chat === undefined) throw new Error(`The Flex TaskRouter workspace ${flex.workspaceSid} has no "chat" task channel.`);
  const definition = JSON.parse(studioFlowDefinition({ workflowSid: flex.workflowSid, chatTaskChannelSid: chat.sid })) as object;
  const flow = await client.studio.v2.flows.create({ friendlyName: STUDIO_FLOW_NAME, status: 'published', definition, commitMessage: 'Created by npm run setup' });
  const address = await client.conversations.v1.addressConfigurations.create({
    type: 'chat',
    address: `web-chat-${flow.sid.slice(-8)}`,
    friendlyName: 'Web chat',
    'autoCreation.enabled': true,
    'autoCreation.type': 'studio',
    'autoCreation.conversationServiceSid': flex.conversationsServiceSid,
    'autoCreation.studioFlowSid': flow.sid,
  });
  return { sid: address.sid, friendlyName: address.friendlyName ?? 'Web chat', studioFlowSid: flow.sid };
}

/** True when the key exists on the account (its secret cannot be checked: Twilio never shows it again). */
export async function apiKeyExists(client: Twilio, accountSid: string, keySid: string): Promise<boolean> {
  try {
    await client.api.v2010.accounts(accountSid).keys(keySid).fetch();
    return true;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return false;
    throw error;
  }
}

export async function createApiKey(client: Twilio, accountSid: string): Promise<NewApiKey> {
  const key = await client.api.v2010.accounts(accountSid).newKeys.create({ friendlyName: 'twilio-webchat (npm run setup)' });
  return { sid: key.sid, secret: key.secret };
}
