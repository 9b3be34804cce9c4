/**
 * The languages the widget has texts in. The widget tells initWebchat which one the visitor reads,
 * so the Concierge's welcome, and what is sent later, can be in that language too.
 */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt-BR', 'ar'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The author of the messages the chat service itself posts (the welcome, the visitor's end), as in Flex's own web chat. */
export const CONCIERGE = 'Concierge';
