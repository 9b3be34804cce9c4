/**
 * Twilsock v3 framing, as the SDK's parser reads and writes it (twilsock/dist/parser.js):
 * `TWILSOCK V3.0 <header byte length>\r\n<JSON header>\r\n<payload>`, with the payload's byte length
 * in `header.payload_size` and its type in `header.payload_type` (JSON unless it says otherwise).
 */

/** The header fields both sides use; methods add their own (token, http_request, status, ...). */
export interface FrameHeader {
  method: string;
  id?: string;
  payload_size?: number;
  payload_type?: string;
  [field: string]: unknown;
}

export interface Frame {
  header: FrameHeader;
  /** Parsed JSON, a string for text payloads, undefined when empty. */
  payload: unknown;
}

const MAGIC = 'TWILSOCK V3.0 ';
const CRLF = '\r\n';

export class FrameError extends Error {}

function isHeader(value: unknown): value is FrameHeader {
  return typeof value === 'object' && value !== null && typeof (value as { method?: unknown }).method === 'string';
}

export function decodeFrame(data: Buffer): Frame {
  const magicEnd = data.indexOf(CRLF);
  const magic = magicEnd < 0 ? '' : data.subarray(0, magicEnd).toString('latin1');
  if (!magic.startsWith(MAGIC)) throw new FrameError('not a TWILSOCK V3.0 frame');
  const headerSize = Number(magic.slice(MAGIC.length));
  const headerStart = magicEnd + CRLF.length;
  if (!Number.isInteger(headerSize) || headerSize <= 0 || headerStart + headerSize > data.length) {
    throw new FrameError('bad header size');
  }
  let header: unknown;
  try {
    header = JSON.parse(data.subarray(headerStart, headerStart + headerSize).toString('utf8'));
  } catch {
    throw new FrameError('header is not JSON');
  }
  if (!isHeader(header)) throw new FrameError('header has no method');
  const payloadSize = Number(header.payload_size ?? 0);
  const payloadStart = headerStart + headerSize + CRLF.length;
  if (payloadSize === 0) return { header, payload: undefined };
  if (!Number.isInteger(payloadSize) || payloadSize < 0 || payloadStart + payloadSize > data.length) {
    throw new FrameError('bad payload size');
  }
  const text = data.subarray(payloadStart, payloadStart + payloadSize).toString('utf8');
  const type = header.payload_type ?? 'application/json';
  if (!type.startsWith('application/json')) return { header, payload: text };
  try {
    return { header, payload: JSON.parse(text) };
  } catch {
    throw new FrameError('payload is not JSON');
  }
}

/** A frame with a JSON payload (or none); sets payload_size and, with a payload, payload_type. */
export function encodeFrame(header: FrameHeader, payload?: unknown): Buffer {
  const body = payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload), 'utf8');
  const fullHeader: FrameHeader = { ...header, payload_size: body.length };
  if (payload !== undefined) fullHeader.payload_type = 'application/json';
  const headerBytes = Buffer.from(JSON.stringify(fullHeader), 'utf8');
  return Buffer.concat([Buffer.from(`${MAGIC}${headerBytes.length}${CRLF}`, 'latin1'), headerBytes, Buffer.from(CRLF, 'latin1'), body]);
}
