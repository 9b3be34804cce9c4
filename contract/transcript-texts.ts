/**
 * Every text of the transcript feature that the visitor reads: the widget's buttons and notices, the
 * downloaded files and the email. English only; translations fold in here. Shared by the widget and
 * the emailTranscript Function so the downloaded and the emailed transcript read the same.
 */
export const TRANSCRIPT_TEXTS = {
  title: 'Chat transcript',
  menu: 'Transcript',
  menuLabel: 'Transcript options',
  downloadText: 'Download as text',
  downloadHtml: 'Download as web page',
  email: 'Email me the transcript',
  preparing: 'Preparing the transcript…',
  downloaded: 'Transcript downloaded.',
  emailed: 'The transcript is on its way to the email address you gave.',
  failed: 'The transcript could not be prepared. Check your connection and try again.',
  emailFailed: 'The transcript could not be emailed. Try again later.',
  noEmail: 'This chat has no email address to send the transcript to.',
  emailLimit: 'The transcript of this chat has been emailed as often as it can be.',
  attachment: 'Attachment',
  messageCount: (count: number): string => (count === 1 ? '1 message' : `${count} messages`),
  emailSubject: 'Your chat transcript',
  emailIntro: 'Here is the transcript of your chat with us.',
  timesInUtc: 'Times are in UTC.',
  /** The names the email uses when Twilio has none, the widget's own defaults. */
  visitorName: 'You',
  agentName: 'Agent',
} as const;
