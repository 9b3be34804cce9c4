/**
 * twilio-run answers some failures with pages a caller must never see: HTML with the stack trace, and
 * for non-browser callers `{message, name, stack}` JSON (@twilio/runtime-handler dev-runtime/route.js
 * handleError, utils/error-html). The gateway replaces those with the Functions' own error shape.
 */
import { STATUS_CODES } from 'node:http';
import { errorBody } from './gateway-error';

/** Whether a body shows the runtime's insides: a stack frame, a stack property, a local path, HTML. */
export function showsInternals(body: string, localRoot: string): boolean {
  return /\n\s+at\s/.test(body) || /"stack"\s*:/.test(body) || body.includes(localRoot) || /<(!doctype|html)/i.test(body);
}

/** An error in the shape every Function answers, `{error: {code: string, message: string}}`. */
export function isErrorJson(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } } | null;
    return typeof parsed?.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}

/** The JSON a caller gets instead of a page that shows internals; the status stays, unless it claimed success. */
export function replacementAnswer(status: number): { status: number; body: string } {
  const kept = status >= 400 ? status : 500;
  const name = STATUS_CODES[kept] ?? 'Error';
  const code = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const message = kept >= 500
    ? 'The Function failed. The details are in the output of npm start.'
    : kept === 404
      ? 'No Function or Asset is served at this path.'
      : `The request was refused (${kept} ${name}).`;
  return { status: kept, body: errorBody(code, message) };
}
