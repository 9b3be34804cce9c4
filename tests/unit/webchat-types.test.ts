/**
 * The shipped `webchat.d.ts` compiles, strictly, with a host page's typical calls, and rejects
 * wrong ones (each `@ts-expect-error` line must be an error, or the compiler reports it unused).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import ts from 'typescript';
import { writeWebchatTypes } from '../../scripts/build/webchat-types';

const USAGE = `
import type { WebchatConfig, WebchatHandle } from './webchat';

const config: WebchatConfig = { serverUrl: 'https://example.twil.io', sound: true, preEngagement: { skip: false }, strings: { placeholder: 'Ask us', launcherLabel: 'Help', 'endChat.open': 'Leave' } };
const handle: WebchatHandle | undefined = window.Twilio?.initWebchat?.(config);
const stop: (() => void) | undefined = handle?.on('chatStarted', ({ conversationSid }) => console.log(conversationSid.toUpperCase()));
stop?.();
handle?.on('messageReceived', ({ author, body }) => console.log(author, body));
handle?.on('unreadChanged', ({ count }) => console.log(count + 1));
handle?.on('chatEnded', ({ by }) => console.log(by === 'agent' || by === 'visitor'));
handle?.on('ready', () => handle.open());
handle?.prefill({ friendlyName: 'Ada', email: 'ada@example.com' });
const ended: Promise<void> | undefined = handle?.endChat();
const open: boolean = window.Twilio?.webchat?.isOpen() ?? false;
window.Twilio = window.Twilio || {};
(window.Twilio.webchatQueue = window.Twilio.webchatQueue || []).push(['on', 'chatStarted', () => undefined]);
// @ts-expect-error no such event
handle?.on('chatStart', () => undefined);
// @ts-expect-error chatEnded tells who ended it, not a count
handle?.on('chatEnded', ({ count }) => count);
// @ts-expect-error strings are the widget's own keys
const misspelt: WebchatConfig = { strings: { placeholdr: 'Ask us' } };
// @ts-expect-error prefill takes strings
handle?.prefill({ age: 3 });
export { ended, open, misspelt };
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'webchat-types-'));
  await writeWebchatTypes(dir);
  await writeFile(path.join(dir, 'usage.ts'), USAGE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a host page in strict TypeScript uses the page API through webchat.d.ts, and misuse is an error', () => {
  const program = ts.createProgram([path.join(dir, 'usage.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(problems).toStrictEqual([]);
});
