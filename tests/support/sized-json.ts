/** Compact JSON of exactly `bytes` UTF-8 bytes (`{"a":"xxx…"}`), for tests at a size limit. */
export function jsonOfBytes(bytes: number): string {
  const json = JSON.stringify({ a: 'x'.repeat(bytes - 8) });
  if (Buffer.byteLength(json) !== bytes) throw new Error(`cannot make JSON of ${bytes} bytes`);
  return json;
}

/** The same, parsed: an object whose JSON is exactly `bytes` bytes. */
export function objectOfBytes(bytes: number): object {
  return JSON.parse(jsonOfBytes(bytes)) as object;
}
