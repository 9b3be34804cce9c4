/**
 * Files the visitor picks, drops or pastes: checked before they wait in the composer, then sent in
 * order as one message each (Flex takes one file per message and no text beside it), each with its
 * own state: waiting, sending, or failed with a retry. A failure stops the files after it, so a
 * retry keeps their order.
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
  const { accepted, errors } = checkFiles(attachments, current, files);
  const added: PendingFile[] = accepted.map((file) => ({
    id: `file-${(fileCounter += 1)}`,
    name: file.name,
    size: file.size,
    contentType: file.type || 'application/octet-stream',
    data: file,
  }));
  state.set({ attachments: [...current, ...added], attachmentErrors: errors, sendError: null });
}

/** Marks one waiting file. */
function mark(state: StateAccess, id: string, status: PendingFile['status']): void {
  state.set({ attachments: state.get().attachments.map((file) => (file.id === id ? { ...file, status } : file)) });
}

/**
 * Sends the waiting files through `transport` (null when the composer may not send), oldest first,
 * each leaving the composer once Twilio has it. Resolves true when all went.
 */
export async function sendFiles(state: StateAccess, connection: Connection, transport: ChatTransport | null): Promise<boolean> {
  const { generation } = connection;
  if (state.get().sending || transport === null) return false;
  state.set({ sending: true, sendError: null, attachmentErrors: [] });
  for (let file = state.get().attachments[0]; file !== undefined; file = state.get().attachments[0]) {
    mark(state, file.id, 'sending');
    try {
      await transport.sendMedia({ name: file.name, contentType: file.contentType, data: file.data });
    } catch {
      if (generation === connection.generation) {
        mark(state, file.id, 'failed');
        state.set({ sending: false, sendError: t('notSent') });
      }
      return false;
    }
    if (generation !== connection.generation) return false;
    const sent = file.id;
    state.set({ attachments: state.get().attachments.filter((other) => other.id !== sent), firstUnreadIndex: null });
  }
  state.set({ sending: false });
  return true;
}
