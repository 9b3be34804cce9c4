/**
 * Files the visitor picks, drops or pastes: checked before they wait in the composer, then sent as
 * one message each (Flex takes one file per message), the text as a caption of its own.
 */
import type { ChatTransport } from '../../transport/chat-transport';
import { checkFiles, type PendingFile } from '../attachments/check-files';
import type { AppConfig } from '../settings/app-config';
import { t } from '../i18n/translate';
import type { StateAccess } from './chat-state';
import type { Connection } from './connection';

let fileCounter = 0;

/** Adds the files that pass the checks of type, size and count; says why the others did not. */
export function addFiles(state: StateAccess, attachments: AppConfig['attachments'], files: Array<Blob & { name: string }>): void {
  const current = state.get().attachments;
  const { accepted, errors } = checkFiles(attachments, current.length, files);
  const added: PendingFile[] = accepted.map((file) => ({
    id: `file-${(fileCounter += 1)}`,
    name: file.name,
    size: file.size,
    contentType: file.type || 'application/octet-stream',
    data: file,
  }));
  state.set({ attachments: [...current, ...added], attachmentErrors: errors, sendError: null });
}

/**
 * Sends the pending files with `text` as caption through `transport` (null when the composer may
 * not send). Resolves true when sent, so the composer can clear itself.
 */
export async function sendFiles(state: StateAccess, connection: Connection, transport: ChatTransport | null, text: string, maxLength: number): Promise<boolean> {
  const body = text.trim();
  const { attachments: files, sending } = state.get();
  const { generation } = connection;
  if (files.length === 0 || sending || transport === null) return false;
  if (body.length > maxLength) {
    state.set({ sendError: t('tooLong', { count: maxLength }) });
    return false;
  }
  state.set({ sending: true, sendError: null, attachmentErrors: [] });
  try {
    await transport.sendMedia(
      files.map((file) => ({ name: file.name, contentType: file.contentType, data: file.data })),
      body === '' ? undefined : body,
    );
    if (generation !== connection.generation) return false;
    state.set({ sending: false, attachments: [], firstUnreadIndex: null });
    return true;
  } catch {
    if (generation === connection.generation) state.set({ sending: false, sendError: t('notSent') });
    return false;
  }
}
