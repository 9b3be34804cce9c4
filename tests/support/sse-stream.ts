/** One Server-Sent Event as read off the wire. */
export interface SseFrame {
  event: string;
  data: string;
  retry: number | undefined;
}

function parseFrame(block: string): SseFrame | null {
  let event = 'message';
  let retry: number | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
    else if (line.startsWith('retry: ')) retry = Number(line.slice(7));
  }
  return data.length === 0 && retry === undefined ? null : { event, data: data.join('\n'), retry };
}

/**
 * Reads a Server-Sent Events body (Node 20 has no EventSource), calling `onFrame` for each event
 * and `onChunk` after each network read. Resolves when the stream ends or its fetch is aborted.
 */
export async function readSseStream(
  body: ReadableStream<Uint8Array>,
  onFrame: (frame: SseFrame) => void,
  onChunk: () => void = () => undefined,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame !== null) onFrame(frame);
      }
      onChunk();
    }
  } catch {
    // Aborted or cut off: the same as the end of the stream for every caller.
  }
}
