/**
 * The English texts of the transcript the emailTranscript Function sends: the email has no
 * language to go by (the Function is not told the visitor's). The widget's transcript texts, the
 * downloaded files' included, are translated with its other texts (widget-src/app/i18n/en-chat.ts).
 */
export const TRANSCRIPT_TEXTS = {
  title: 'Chat transcript',
  attachment: 'Attachment',
  messageCount: (count: number): string => (count === 1 ? '1 message' : `${count} messages`),
  emailSubject: 'Your chat transcript',
  emailIntro: 'Here is the transcript of your chat with us.',
  timesInUtc: 'Times are in UTC.',
  /** The names the email uses when Twilio has none, the widget's own defaults. */
  visitorName: 'You',
  agentName: 'Agent',
} as const;
