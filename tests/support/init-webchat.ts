/** A visitor's start as the widget sends it, for the tests of the initWebchat handler. */
import { handler } from '../../functions/initWebchat';
import type { FunctionContext } from '../../functions/lib/runtime';
import { solvedChallenge } from './challenge';
import { ALLOWED_ORIGIN } from './fixtures';
import { invoke, type HandlerAnswer } from './function-runtime';

export const form = { friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?' };
export const fromShop = { origin: ALLOWED_ORIGIN, 'content-type': 'application/json' };

/** Starts a chat as the widget does: a solved challenge from the same page, then the form. */
export async function startIn(context: FunctionContext, body: Record<string, unknown>, headers: Record<string, string>): Promise<HandlerAnswer> {
  return invoke(handler, context, { ...(await solvedChallenge(context, headers)), ...body }, headers);
}
