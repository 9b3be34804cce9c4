/**
 * The shipped Studio flow template: a structure Studio runs (every transition lands on a state,
 * the trigger's new conversation messages reach Send to Flex) and task attributes that read keys
 * initWebchat really stores in `pre_engagement_data`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { verifiedFields } from '../../functions/lib/signed-in-visitor';
import { preEngagementJson } from '../../functions/lib/pre-engagement';
import { STUDIO_FLOW_FILE, studioFlowDefinition } from '../../scripts/lib/studio-flow';

interface State {
  name: string;
  type: string;
  transitions: Array<{ event: string; next?: string }>;
  properties: Record<string, unknown>;
}

interface Flow {
  states: State[];
  initial_state: string;
}

const targets = { workflowSid: `WW${'1'.repeat(32)}`, chatTaskChannelSid: `TC${'2'.repeat(32)}` };
const flow = JSON.parse(studioFlowDefinition(targets)) as Flow;
const state = (name: string | undefined): State | undefined => flow.states.find((candidate) => candidate.name === name);
const sendToFlex = flow.states.find((candidate) => candidate.type === 'send-to-flex');

describe('the Studio flow template', () => {
  it('starts at its trigger, and every transition lands on a state of the flow', () => {
    expect(state(flow.initial_state)?.type).toBe('trigger');
    expect(new Set(flow.states.map((s) => s.name)).size).toBe(flow.states.length);
    for (const { next } of flow.states.flatMap((s) => s.transitions)) if (next !== undefined) expect(state(next)).toBeDefined();
  });

  it('sends each new web chat conversation to Flex', () => {
    const trigger = state(flow.initial_state);
    const onMessage = trigger?.transitions.find((transition) => transition.event === 'incomingConversationMessage');
    expect(state(onMessage?.next)?.type).toBe('send-to-flex');
  });

  it('routes with the workflow and chat task channel setup found, leaving no placeholder', () => {
    expect(sendToFlex?.properties.workflow).toBe(targets.workflowSid);
    expect(sendToFlex?.properties.channel).toBe(targets.chatTaskChannelSid);
    expect(readFileSync(STUDIO_FLOW_FILE, 'utf8')).toMatch(/__WORKFLOW_SID__/);
    expect(studioFlowDefinition(targets)).not.toMatch(/__[A-Z_]+__/);
  });

  it('gives the task an initial_question and reads only keys initWebchat stores in pre_engagement_data', () => {
    const attributes = JSON.parse(String(sendToFlex?.properties.attributes)) as Record<string, string>;
    expect(attributes.initial_question).toBe('{{trigger.conversation.ChannelAttributes.pre_engagement_data.question}}');
    // A signed-in visitor's chat stores the most (signed-in-visitor.ts).
    const signedIn = verifiedFields({ key: 'k', name: 'Ada', email: 'ada@example.com' });
    const stored = Object.keys(JSON.parse(preEngagementJson({ friendlyName: 'Ada', email: 'ada@example.com', query: 'Hi', extra: {} }, undefined, signedIn)) as object);
    const read = [...JSON.stringify(attributes).matchAll(/pre_engagement_data\.(\w+)/g)].map((match) => match[1]);
    expect(read.length > 0).toBe(true);
    for (const key of read) expect(stored).toContain(key);
  });
});
