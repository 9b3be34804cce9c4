/**
 * `multipart/form-data` bodies (RFC 7578), as Twilio's upload endpoints take them: Serverless
 * function and asset versions arrive as `Path`, `Visibility` and a `Content` file part.
 */
import { invalidParameter } from '../twilio-errors';

export interface UploadedPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw invalidParameter('multipart/form-data body without a boundary');
  return boundary;
}

function parsePart(raw: Buffer): UploadedPart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw invalidParameter('malformed multipart/form-data part');
  const headers = raw.subarray(0, split).toString('utf8');
  const disposition = /^content-disposition:\s*form-data;(.*)$/im.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
  if (name === undefined) throw invalidParameter('multipart/form-data part without a name');
  return {
    name,
    filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null,
    contentType: /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null,
    data: raw.subarray(split + 4),
  };
}

/** The parts of a multipart body, in order. */
export function parseMultipart(body: Buffer, contentType: string): UploadedPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: UploadedPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw invalidParameter('multipart/form-data body without its boundary');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) throw invalidParameter('multipart/form-data body is not terminated');
    // Each part sits between the CRLF ending the delimiter line and the CRLF before the next one.
    parts.push(parsePart(body.subarray(afterDelimiter + 2, next - 2)));
    start = next;
  }
}
