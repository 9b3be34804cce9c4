/**
 * Saves text as a file: a Blob URL opened by an `<a download>` clicked inside the widget's shadow
 * root. Works under a strict Content-Security-Policy (a download is a navigation, not a script or a
 * resource the page loads) and needs nothing from the host page.
 */

/**
 * How long the Blob URL lives after the click. Browsers start the download from the click but some
 * (Firefox, older Safari) read the Blob a moment later; revoking at once can cancel it.
 */
const REVOKE_AFTER_MS = 30_000;

export function downloadFile(inside: Element, fileName: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  inside.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** `chat-transcript-2026-11-25.txt`, dated in local time like the file's contents. */
export function transcriptFileName(date: Date, extension: 'txt' | 'html'): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `chat-transcript-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
