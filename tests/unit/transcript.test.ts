import { afterEach, describe, expect, test } from '@jest/globals';
import { ENDED_BY_VISITOR_ATTRIBUTES } from '../../contract/chat-events';
import { escapeHtml } from '../../contract/escape-html';
import { transcriptHtml, transcriptText } from '../../contract/transcript';
import { TRANSCRIPT_TEXTS } from '../../contract/transcript-texts';
import DE from '../../widget-src/app/i18n/de';
import { EN } from '../../widget-src/app/i18n/en';
import { setTexts } from '../../widget-src/app/i18n/translate';
import { displayName } from '../../widget-src/app/format/display-name';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { transcriptFileName } from '../../widget-src/app/transcript/download-file';
import { transcriptDocument, transcriptTexts } from '../../widget-src/app/transcript/transcript-document';
import { MAX_TRANSCRIPT_PAGES, wholeConversation } from '../../widget-src/app/transcript/whole-conversation';
import { AGENT, VISITOR, message } from '../support/fake-chat-transport';
import { harness, startChat } from '../support/chat-store-harness';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '&lt;already&gt; & more'];

describe('escapeHtml', () => {
  test('turns every character that could open markup or end an attribute into an entity', () => {
    expect(escapeHtml('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml("it's & <b>")).toBe('it&#39;s &amp; &lt;b&gt;');
  });

  test('leaves no markup characters in hostile input, and plain text as it was', () => {
    for (const text of HOSTILE) expect(escapeHtml(text)).not.toMatch(/[<>"']/);
    expect(escapeHtml('Hello, Ada — 5 € ✓')).toBe('Hello, Ada — 5 € ✓');
  });
});

const names = resolveAppConfig({}).names;
const knownNames = { [VISITOR]: 'Ada Lovelace', [AGENT]: 'Alex from Support', Concierge: null };
const nameOf = (author: string): string => displayName(author, VISITOR, knownNames, names);

const conversation = [
  message(0, VISITOR, 'My order <script>alert(1)</script> is late'),
  message(1, 'Concierge', 'Welcome! An agent will be with you in a moment.'),
  message(2, AGENT, '"><img src=x onerror=alert(1)>\nsecond line'),
  message(3, VISITOR, '', { media: [{ sid: 'ME1', filename: 'receipt <1>.pdf', contentType: 'application/pdf', size: 1200 }] }),
];

/** The emailTranscript Function's texts; the widget's English (transcriptTexts()) must read the same. */
const ENGLISH = TRANSCRIPT_TEXTS;

describe('the words of the document', () => {
  afterEach(() => setTexts('en', EN));

  test("the widget's English reads as the emailed transcript's", () => {
    const document = transcriptDocument(conversation, nameOf, 'en');
    expect(transcriptText(document, transcriptTexts())).toBe(transcriptText(document, ENGLISH));
    expect(transcriptHtml(document, transcriptTexts())).toBe(transcriptHtml(document, ENGLISH));
  });

  test('are the texts it is given: the title, the attachments and the count in the visitor’s language', () => {
    setTexts('de', DE);
    const document = transcriptDocument(conversation, nameOf, 'de');
    const text = transcriptText(document, transcriptTexts());
    expect(text.startsWith(`${DE['transcript.title']}\n`)).toBe(true);
    expect(text).toContain(`  ${DE['transcript.attachment']}: receipt <1>.pdf`);
    expect(text).toContain('4 Nachrichten');
    const html = transcriptHtml(document, transcriptTexts());
    expect(html).toContain(`<title>${DE['transcript.title']}</title>`);
    expect(html).toContain(`<h1>${DE['transcript.title']}</h1>`);
    expect(html).toContain('4 Nachrichten');
    for (const english of [ENGLISH.title, 'Attachment', 'messages']) {
      expect(text).not.toContain(english);
      expect(html).not.toContain(english);
    }
  });

  test('holds what the list shows: the end notice meant for the agent is left out, as in the widget', () => {
    const notice = message(4, 'Concierge', 'The customer ended the chat.', { attributes: { ...ENDED_BY_VISITOR_ATTRIBUTES } });
    const text = transcriptText(transcriptDocument([...conversation, notice], nameOf, 'en'), ENGLISH);
    expect(text).toBe(transcriptText(transcriptDocument(conversation, nameOf, 'en'), ENGLISH));
    expect(text).not.toContain('The customer ended the chat.');
  });

  test('counts with the plural form the count calls for', () => {
    const one = transcriptDocument([message(0, AGENT, 'hi')], nameOf, 'en');
    expect(transcriptText(one, ENGLISH)).toContain('\n1 message\n');
    expect(transcriptText(one, transcriptTexts())).toContain('\n1 message\n');
  });
});

describe('the transcript as text', () => {
  const text = transcriptText(transcriptDocument(conversation, nameOf, 'en-GB'), ENGLISH);

  test('names every author as the widget displays them, never by identity', () => {
    expect(text).toContain('Ada Lovelace:');
    expect(text).toContain('Alex from Support:');
    expect(text).toContain('Agent:');
    expect(text).not.toContain(VISITOR);
    expect(text).not.toContain(AGENT);
  });

  test('keeps message text exactly, each line indented under its author', () => {
    expect(text).toContain('  My order <script>alert(1)</script> is late');
    expect(text).toContain('  "><img src=x onerror=alert(1)>\n  second line');
  });

  test('lists attachments by file name and counts the messages', () => {
    expect(text).toContain('  Attachment: receipt <1>.pdf');
    expect(text).toContain('4 messages');
  });

  test("formats times in the widget's locale with Intl", () => {
    const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(conversation[2]?.dateCreated);
    expect(text).toContain(`[${time}] Alex from Support:`);
    const german = transcriptText(transcriptDocument(conversation, nameOf, 'de-DE'), ENGLISH);
    expect(german).toContain(`[${new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(conversation[0]?.dateCreated)}]`);
  });
});

describe('the transcript as HTML', () => {
  const html = transcriptHtml(transcriptDocument(conversation, nameOf, 'de-DE'), ENGLISH);

  test('is a self-contained document: charset, language, inline CSS, no scripts or external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="de-DE">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
    // Attributes and CSS that would fetch something, checked where hostile text cannot be: outside the message texts.
    const benign = transcriptHtml(transcriptDocument([message(0, AGENT, 'hello')], nameOf, 'de-DE'), ENGLISH);
    expect(benign).not.toMatch(/\ssrc=|\shref=|url\(|@import|\son\w+=/i);
  });

  test('escapes hostile bodies, names and file names instead of rendering them', () => {
    expect(html).toContain('My order &lt;script&gt;alert(1)&lt;/script&gt; is late');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\nsecond line');
    expect(html).toContain('Attachment: receipt &lt;1&gt;.pdf');
    const hostileName = transcriptHtml(transcriptDocument([message(0, AGENT, 'hi')], () => '<b onclick=x>Eve</b>', 'en'), ENGLISH);
    expect(hostileName).toContain('&lt;b onclick=x&gt;Eve&lt;/b&gt;');
    expect(hostileName).not.toContain('<b onclick');
  });

  test('shows display names and marks each time with its ISO instant', () => {
    expect(html).toContain('Ada Lovelace<time datetime="2026-11-25T09:00:00.000Z">');
    expect(html).toContain('>Alex from Support<time');
    expect(html).not.toContain(VISITOR);
  });
});

test('names the file after the local date and its kind', () => {
  expect(transcriptFileName(new Date(2026, 0, 5, 23, 59), 'html')).toBe('chat-transcript-2026-01-05.html');
  expect(transcriptFileName(new Date(2026, 10, 25), 'txt')).toBe('chat-transcript-2026-11-25.txt');
});

describe('collecting the whole conversation', () => {
  test('pages back through the transport until the first message', async () => {
    const history = Array.from({ length: 95 }, (_, i) => message(i, i % 2 === 0 ? VISITOR : AGENT, `message ${i}`));
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: history.slice(90), hasOlder: true } };
      t.getMessagesBefore = async (before, size) => {
        const page = history.filter((m) => m.index < before).slice(-size);
        return { messages: page, hasOlder: (page[0]?.index ?? 0) > 0 };
      };
    });
    await startChat(h);
    const messages = await wholeConversation(h.store);
    expect(messages.map((m) => m.index)).toStrictEqual(history.map((m) => m.index));
    expect(h.store.getState().hasOlder).toBe(false);
  });

  test('stops after its bound even when the transport claims more without end', async () => {
    let calls = 0;
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(1_000_000, AGENT, 'latest')], hasOlder: true } };
      t.getMessagesBefore = async (before) => {
        calls += 1;
        return { messages: [message(before - 1, AGENT, 'older')], hasOlder: true };
      };
    });
    await startChat(h);
    const messages = await wholeConversation(h.store);
    expect(calls).toBe(MAX_TRANSCRIPT_PAGES);
    expect(messages).toHaveLength(MAX_TRANSCRIPT_PAGES + 1);
  });

  test('refuses to build a transcript with a gap when a page cannot be loaded', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(50, AGENT, 'latest')], hasOlder: true } };
      t.getMessagesBefore = async () => Promise.reject(new Error('offline'));
    });
    await startChat(h);
    await expect(wholeConversation(h.store)).rejects.toMatchObject({ code: 'TRANSCRIPT_INCOMPLETE' });
  });
});
