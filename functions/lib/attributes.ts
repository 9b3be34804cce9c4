/**
 * Reading Twilio's `attributes` (a JSON text anyone with access may have written) without
 * trusting them: anything but a JSON object reads as empty.
 */
export function attributesObject(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return typeof text === 'object' && text !== null && !Array.isArray(text) ? (text as Record<string, unknown>) : {};
  try {
    return attributesObject(JSON.parse(text) as unknown);
  } catch {
    // Not JSON: nothing in it to trust.
    return {};
  }
}

/** The form Flex keeps in a conversation's attributes, as an object or as the JSON text it was given. */
export function preEngagementData(conversationAttributes: string): Record<string, unknown> {
  return attributesObject(attributesObject(conversationAttributes).pre_engagement_data);
}
