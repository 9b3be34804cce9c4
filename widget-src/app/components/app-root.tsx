import type { AppConfig } from '../settings/app-config';
import type { ChatStore } from '../store/chat-store';
import { useChatState } from '../use-chat-store';
import type { ChatViewLoader } from '../load-chat-view';
import type { ViewLoader } from '../view-loader';
import type { OfflineViewProps } from '../offline/offline-view';
import { LazyView } from './lazy-view';
import { PastChatsEntry } from './past-chats-entry';
import type { PreEngagementFormProps } from './pre-engagement-form/pre-engagement-form';
import { FailureView, StatusView } from './status-view/status-view';
import { t } from '../i18n/translate';

interface Props {
  store: ChatStore;
  config: AppConfig;
  open: boolean;
  chatView: ChatViewLoader;
  /** The form, from the start-form chunk. */
  form: ViewLoader<PreEngagementFormProps>;
  /** The closed view, from the offline chunk. */
  offline: ViewLoader<OfflineViewProps>;
}

/** Chooses the view for the current phase of the journey. */
export function AppRoot({ store, config, open, chatView, form, offline }: Props) {
  const state = useChatState(store);
  // Keyed: each lazy view keeps the component it loaded, so the chat's must never be reused for the form.
  const formView = <LazyView key="form" view={form} props={{ store, state, fields: config.fields, intro: config.welcome, open }} waiting={t('loading')} />;
  switch (state.phase) {
    case 'idle':
    case 'connecting':
      return <StatusView text={t('connecting')} />;
    case 'form':
      return config.signedIn ? (
        <PastChatsEntry api={store.backend.api} chatView={chatView}>
          {formView}
        </PastChatsEntry>
      ) : (
        formView
      );
    case 'submitting':
      // A visitor who skips the form sees progress, not a form they never asked for.
      return config.skipForm && state.formError === null ? <StatusView text={t('starting')} /> : formView;
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
      return <LazyView key="closed" view={offline} props={{ store, availability: state.availability ?? { open: false }, config, open }} waiting={t('loading')} />;
    case 'chat':
    case 'ended':
      return <LazyView key="chat" view={chatView} props={{ store, state, config, open }} waiting={t('connecting')} />;
  }
}
