/**
 * The shipped Studio flow (flex/webchat-studio-flow.json): a "Send to Flex" widget that creates a
 * task for each new web chat, with the pre-engagement data as task attributes (`initial_question`
 * among them), as Twilio's Flex Conversations pages describe. Its workflow and task channel are
 * account-specific, so the file holds placeholders that setup (or a person importing it) fills in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const STUDIO_FLOW_FILE = path.resolve(__dirname, '../../flex/webchat-studio-flow.json');
export const STUDIO_FLOW_NAME = 'Web chat to Flex';

const PLACEHOLDERS = { workflowSid: '__WORKFLOW_SID__', chatTaskChannelSid: '__CHAT_TASK_CHANNEL_SID__' } as const;

export interface FlowTargets {
  /** The TaskRouter workflow tasks go to (Flex's "Assign to Anyone" on a fresh account). */
  workflowSid: string;
  /** The workspace's `chat` task channel. */
  chatTaskChannelSid: string;
}

/** The template as Studio's `Definition` parameter, its placeholders replaced. */
export function studioFlowDefinition(targets: FlowTargets): string {
  const template = readFileSync(STUDIO_FLOW_FILE, 'utf8');
  return JSON.stringify(JSON.parse(template.replace(PLACEHOLDERS.workflowSid, targets.workflowSid).replace(PLACEHOLDERS.chatTaskChannelSid, targets.chatTaskChannelSid)));
}
