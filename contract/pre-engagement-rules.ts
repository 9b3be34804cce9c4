/**
 * The pre-engagement rules the widget applies exactly as the Functions do, so a form the widget
 * accepts is never refused: dependency-free, imported by both.
 */

/** Pragmatic: one @, no spaces, a dot in the domain. Deliverability is not ours to judge. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Keys a site owner may add to the form; anything else is refused rather than stored. */
export const EXTRA_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Names the schema library drops to guard against prototype pollution: refused, never lost silently. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

/** A name a site owner may give an extra field. */
export function isExtraKey(name: string): boolean {
  return EXTRA_KEY.test(name) && !RESERVED_KEYS.has(name);
}

// C0 controls other than tab and line breaks, and DEL: nothing a visitor types, often an injection probe.
/* eslint-disable no-control-regex -- matching control characters is these patterns' purpose */
export const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
/* eslint-enable no-control-regex */

/**
 * The record Flex stores as the conversation's `pre_engagement_data`. The question is kept under
 * `query` (the original app's key) and `question` (the key Studio flows read).
 */
export function preEngagementRecord(values: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const { friendlyName, email, query, ...extra } = values;
  return { ...extra, friendlyName, email, query, question: query };
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
