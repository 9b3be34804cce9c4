import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { WebchatApi } from '../../api/client';
import { t } from '../i18n/translate';
import type { ChatViewLoader } from '../load-chat-view';
import type { ChatViewModule } from '../chat-view-module';

interface Props {
  api: WebchatApi;
  chatView: ChatViewLoader;
  children: ComponentChildren;
}

/** For a signed-in visitor, below the form: their earlier chats, from the chat-view chunk (with its styles). */
export function PastChatsEntry({ api, chatView, children }: Props) {
  const [List, setList] = useState<ChatViewModule['PastChats'] | null>(null);
  if (List !== null) return <List api={api} onBack={() => setList(null)} />;
  return (
    <>
      {children}
      <button
        type="button"
        class="secondary"
        // A failed load leaves the button to try again.
        onClick={() => void chatView.load().then(() => chatView.module()).then((module) => setList(() => module.PastChats), () => undefined)}
      >
        {t('pastChats')}
      </button>
    </>
  );
}
