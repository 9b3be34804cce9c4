import type { Language } from '../../contract/languages';
import * as v from 'valibot';
import { invalidField, invalidRequest, WebchatError } from './errors';
import { LIMITS } from '../../contract/limits';
import {
  CONTROL_MULTI_LINE,
  CONTROL_SINGLE_LINE,
  EMAIL,
  EXTRA_KEY,
  preEngagementRecord,
  RESERVED_KEYS,
  utf8Length,
} from '../../contract/pre-engagement-rules';
import { VERIFIED_FIELDS } from './visitor-identity';
import { START_HASH_FIELD, START_KEY_FIELDS } from './start-key';


/** The visitor's form, validated and trimmed. */
export interface PreEngagement {
  friendlyName: string | null;
  email: string | null;
  query: string | null;
  /** Site-specific fields, by key. */
  extra: Readonly<Record<string, string>>;
}


function text(label: string, max: number, singleLine: boolean) {
  return v.optional(
    v.pipe(
      v.string(`${label} must be text.`),
      v.trim(),
      v.maxLength(max, `${label} must be at most ${max} characters.`),
      v.check((value) => !(singleLine ? CONTROL_SINGLE_LINE : CONTROL_MULTI_LINE).test(value), `${label} contains control characters.`),
    ),
  );
}

const FormSchema = v.objectWithRest(
  {
    friendlyName: text('Name', LIMITS.friendlyName, true),
    email: v.optional(
      v.pipe(
        v.string('Email must be text.'),
        v.trim(),
        v.maxLength(LIMITS.email, `Email must be at most ${LIMITS.email} characters.`),
        v.check((value) => value === '' || EMAIL.test(value), 'Email must be an address like name@example.com.'),
      ),
    ),
    query: text('Question', LIMITS.query, false),
  },
  v.union([text('This field', LIMITS.extraValue, false), v.boolean()], 'Extra fields must be text or true/false.'),
);

function issueField(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((item) => String(item.key)) ?? [];
  return ['formData', ...path].join('.');
}

/**
 * Finds the form in what the runtime delivers: a JSON body gives an object; a form-encoded body
 * gives either `formData` as a JSON string or flattened `formData[key]` parameters.
 */
function locateForm(event: Readonly<Record<string, unknown>>): unknown {
  const form = event.formData;
  if (typeof form === 'string') {
    try {
      return JSON.parse(form);
    } catch {
      throw invalidField('formData', 'formData must be a JSON object.');
    }
  }
  if (form !== undefined) return form;
  const flattened = Object.entries(event).filter(([key]) => /^formData\[[^\]]*\]$/.test(key));
  if (flattened.length === 0) throw invalidField('formData', 'formData is required.');
  return Object.fromEntries(flattened.map(([key, value]) => [key.slice('formData['.length, -1), value]));
}


/** Keys the Functions write in `pre_engagement_data` themselves: a form field by one of these names would be overwritten or be mistaken for ours. */
const INTERNAL_KEYS: ReadonlySet<string> = new Set(['question', ...START_KEY_FIELDS, ...VERIFIED_FIELDS]);

/** Top-level parameters the widget sends besides the form (checked in challenge.ts, captcha.ts, start-key.ts). */
const KNOWN_PARAMETERS = new Set(['formData', 'challenge', 'solution', 'captchaToken', 'startId', 'attempt', 'identityToken', 'language']);

/** Validates the `initWebchat` request, its size in all included; throws a 4xx WebchatError naming the first bad field. */
export function parsePreEngagement(event: Readonly<Record<string, unknown>>): PreEngagement {
  const unknown = Object.keys(event).find((key) => !KNOWN_PARAMETERS.has(key) && !key.startsWith('formData['));
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown.slice(0, 40)}": send {"formData": {...}, "challenge", "solution"}.`);

  const form = locateForm(event);
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    throw invalidField('formData', 'formData must be a JSON object.');
  }
  const badKey = Object.keys(form).find((key) => !['friendlyName', 'email', 'query'].includes(key) && !EXTRA_KEY.test(key));
  if (badKey !== undefined) {
    throw invalidField(`formData.${badKey.slice(0, 40)}`, 'Field names must be letters, digits or _ (at most 40), starting with a letter.');
  }
  const reservedKey = Object.keys(form).find((key) => RESERVED_KEYS.has(key) || INTERNAL_KEYS.has(key));
  if (reservedKey !== undefined) throw invalidField(`formData.${reservedKey}`, `"${reservedKey}" is reserved; give the field another name.`);
  const result = v.safeParse(FormSchema, form);
  if (!result.success) {
    const issue = result.issues[0];
    throw invalidField(issueField(issue), issue.message);
  }
  const { friendlyName, email, query, ...rest } = result.output;
  const extraEntries = Object.entries(rest);
  if (extraEntries.length > LIMITS.extraFields) {
    throw invalidField('formData', `At most ${LIMITS.extraFields} extra fields are accepted.`);
  }
  const parsed: PreEngagement = {
    friendlyName: friendlyName || null,
    email: email || null,
    query: query || null,
    extra: Object.fromEntries(extraEntries.map(([key, value]) => [key, String(value)])),
  };
  // Measured without the start's hash, as the widget measures it.
  if (utf8Length(JSON.stringify(storedRecord(parsed))) > LIMITS.preEngagementBytes) {
    throw new WebchatError(413, 'PAYLOAD_TOO_LARGE', `The form is larger than ${LIMITS.preEngagementBytes} bytes in all.`);
  }
  return parsed;
}

function storedRecord(form: PreEngagement): Record<string, string | undefined> {
  return preEngagementRecord({
    ...form.extra,
    friendlyName: form.friendlyName ?? undefined,
    email: form.email ?? undefined,
    query: form.query ?? undefined,
  });
}

/**
 * Where the chat keeps the language the visitor reads (contract/languages.ts): Studio and Flex see it
 * beside the form (`pre_engagement_data.chat_language`, e.g. to route by language), and what the
 * Functions send later (the transcript) reads it there. Not `language`, which a site's form may ask.
 */
const CHAT_LANGUAGE_FIELD = 'chat_language';

/** The JSON Flex stores as the conversation's `pre_engagement_data` (its size was checked by parsePreEngagement). */
export function preEngagementJson(form: PreEngagement, startHash?: string, verified: Record<string, unknown> = {}, language?: Language): string {
  const record = { ...storedRecord(form), ...verified, ...(language === undefined ? {} : { [CHAT_LANGUAGE_FIELD]: language }) };
  return JSON.stringify(startHash === undefined ? record : { ...record, [START_HASH_FIELD]: startHash });
}
