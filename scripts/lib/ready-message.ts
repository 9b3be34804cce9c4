import { deskUrl, type LocalStack } from './local-stack';

/**
 * What `npm start` prints once everything answers, after twilio-run's route listing: the two pages
 * a person opens come last, with the ports they really got, so they are what stays on screen.
 */
export function readyMessage(stack: Pick<LocalStack, 'baseUrl' | 'emulatorUrl'>): string {
  return `
  Web chat is running locally (Twilio is emulated; no account, no network):
    widget loader   ${stack.baseUrl}/webchat.js
    functions       ${stack.baseUrl}/initWebchat, ${stack.baseUrl}/refreshToken, ...
    Twilio emulator ${stack.emulatorUrl}  (REST: /v2/WebChats, /v1/Conversations/...)
  .env is read once, at start: after editing it, press Ctrl-C and run npm start again.
  The emulator starts empty each time: its chats are gone after a restart.

  Ready: demo page ${stack.baseUrl}/   agent desk ${deskUrl(stack.emulatorUrl)}/   (Ctrl-C stops)
`;
}
