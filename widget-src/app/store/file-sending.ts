/**
 * Files the visitor picks, drops or pastes: checked before they wait in the composer, then sent in
 * order as one message each (Flex takes one file per message and no text beside it), each with its
 * own state: waiting, sending, or failed with a retry. A failure stops the files after it, so a
 * retry keeps their order. In the chat-view chunk with the composer that uses it: the app chunk,
 * which every visitor downloads, never carries it.
 */
import type { ChatTransport } from '../../transport/chat-transport';
import { checkFiles, type PendingFile } from '../attachments/check-files';
import type { AppConfig } from '../settings/app-config';
import { t } from '../i18n/translate';
import type { StateAccess } from './chat-state';
import type { Connection } from './connection';

/** What sending files needs of the store (ChatStore.files). */
export interface FileAccess {
  state: StateAccess;
  connection: Connection;
  attachments: AppConfig['attachments'];
  /** The transport while the composer may send, else null. */
  link: ChatTransport | null;
}

let fileCounter = 0;

/** Adds the files that pass the checks of type, size and count; says why the others did not. */
export function addFiles({ state, attachments }: FileAccess, files: Array<Blob & { name: string }>): void {
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

/** Takes a file out of the composer. */
export function removeFile({ state }: FileAccess, id: string): void {
  state.set({ attachments: state.get().attachments.filter((file) => file.id !== id), attachmentErrors: [] });
}

/**
 * Sends the waiting files while the composer may send, oldest first, each leaving the composer once
 * Twilio has it; a failed one is tried again. Resolves true when all went.
 */
export async function sendFiles({ state, connection, link: transport }: FileAccess): Promise<boolean> {
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
