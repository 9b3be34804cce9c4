import type { AppConfig } from '../settings/app-config';
import type { ChatStore } from '../store/chat-store';
import { useChatState } from '../use-chat-store';
import type { ChatViewLoader } from '../load-chat-view';
import { LazyChatView } from './lazy-chat-view';
import { PastChatsEntry } from './past-chats-entry';
import { LazyOffline } from './lazy-offline';
import { PreEngagementForm } from './pre-engagement-form/pre-engagement-form';
import { FailureView, StatusView } from './status-view/status-view';
import { t } from '../i18n/translate';

interface Props {
  store: ChatStore;
  config: AppConfig;
  open: boolean;
  chatView: ChatViewLoader;
  /** The loader's URL, which the lazily loaded views' chunks sit beside. */
  loaderUrl: string;
}

/** Chooses the view for the current phase of the journey. */
export function AppRoot({ store, config, open, chatView, loaderUrl }: Props) {
  const state = useChatState(store);
  switch (state.phase) {
    case 'idle':
    case 'connecting':
      return <StatusView text={t('connecting')} />;
    case 'form': {
      const form = <PreEngagementForm store={store} state={state} fields={config.fields} intro={config.welcome} open={open} />;
      return config.signedIn ? (
        <PastChatsEntry api={store.backend.api} chatView={chatView}>
          {form}
        </PastChatsEntry>
      ) : (
        form
      );
    }
    case 'submitting':
      // A visitor who skips the form sees progress, not a form they never asked for.
      return config.skipForm && state.formError === null ? (
        <StatusView text={t('starting')} />
      ) : (
        <PreEngagementForm store={store} state={state} fields={config.fields} intro={config.welcome} open={open} />
      );
    case 'failed':
      return (
        <FailureView
          failure={state.failure ?? { message: t('failed'), canRetry: false }}
          open={open}
          onRetry={() => void store.retry()}
          onStartNew={() => void store.startNew()}
        />
      );
    case 'closed':
      return <LazyOffline store={store} availability={state.availability ?? { open: false }} config={config} open={open} loaderUrl={loaderUrl} />;
    case 'chat':
    case 'ended':
      return <LazyChatView chatView={chatView} store={store} state={state} config={config} open={open} />;
  }
}
