/**
 * A conversation written out as plain text and as a self-contained HTML page: inline CSS only, no
 * scripts, no external resources, readable when printed. Callers resolve names and times first (the
 * widget as it displays them, the emailTranscript Function from Twilio's records), so both build the
 * same document from lines. Every text in the HTML is escaped (escape-html.ts). The document's own
 * words come in as `TranscriptTexts`, in the reader's language: the widget passes its translations,
 * the emailTranscript Function the English of transcript-texts.ts.
 */
import { escapeHtml } from './escape-html';

/** One message as the reader sees it. */
export interface TranscriptLine {
  name: string;
  /** The time as shown to the reader (already formatted for their language). */
  time: string;
  /** ISO 8601, for the HTML's `<time datetime>`. */
  isoTime: string;
  body: string;
  /** File names of the message's attachments. */
  files: string[];
}

export interface TranscriptDocument {
  /** BCP 47 language of the texts and times. */
  lang: string;
  /** A line under the title, e.g. when the chat took place. */
  subtitle: string;
  lines: TranscriptLine[];
}

/** The words of the document itself. */
export interface TranscriptTexts {
  title: string;
  /** Before each attachment's file name. */
  attachment: string;
  messageCount: (count: number) => string;
}

export function transcriptText(doc: TranscriptDocument, T: TranscriptTexts): string {
  const header = [T.title, doc.subtitle, T.messageCount(doc.lines.length)].filter((part) => part !== '').join('\n');
  const blocks = doc.lines.map((line) => {
    const text = [`[${line.time}] ${line.name}:`];
    if (line.body !== '') text.push(...line.body.split('\n').map((row) => `  ${row}`));
    text.push(...line.files.map((file) => `  ${T.attachment}: ${file}`));
    return text.join('\n');
  });
  return `${[header, ...blocks].join('\n\n')}\n`;
}

const CSS = [
  'body{margin:0;padding:24px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}',
  'main{max-width:720px;margin:0 auto}',
  'h1{font-size:22px;margin:0 0 4px}',
  '.meta{margin:0 0 20px;color:#57606a}',
  'ol{list-style:none;margin:0;padding:0}',
  'li.message{padding:10px 0;border-top:1px solid #d0d7de;break-inside:avoid}',
  '.who{margin:0;font-weight:600}',
  '.who time{margin-left:8px;font-weight:400;color:#57606a;font-size:13px}',
  '.text{margin:4px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}',
  '.files{margin:4px 0 0;padding-left:18px;color:#57606a}',
  '@media print{body{padding:0;font-size:11pt}li.message{border-color:#999}}',
].join('');

function lineHtml(line: TranscriptLine, T: TranscriptTexts): string {
  const files = line.files.length === 0 ? '' : `<ul class="files">${line.files.map((file) => `<li>${escapeHtml(`${T.attachment}: ${file}`)}</li>`).join('')}</ul>`;
  const body = line.body === '' ? '' : `<p class="text">${escapeHtml(line.body)}</p>`;
  return `<li class="message"><p class="who">${escapeHtml(line.name)}<time datetime="${escapeHtml(line.isoTime)}">${escapeHtml(line.time)}</time></p>${body}${files}</li>`;
}

export function transcriptHtml(doc: TranscriptDocument, T: TranscriptTexts): string {
  const subtitle = [doc.subtitle, T.messageCount(doc.lines.length)].filter((part) => part !== '').join(' · ');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(T.title)}</title><style>${CSS}</style></head>`,
    `<body><main><h1>${escapeHtml(T.title)}</h1><p class="meta">${escapeHtml(subtitle)}</p>`,
    `<ol>${doc.lines.map((line) => lineHtml(line, T)).join('')}</ol></main></body></html>`,
    '',
  ].join('\n');
}
