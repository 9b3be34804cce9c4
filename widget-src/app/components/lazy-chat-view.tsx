import { useEffect, useState } from 'preact/hooks';
import type { ChatViewLoader } from '../load-chat-view';
import type { ChatViewProps } from './chat-view/chat-view';
import { StatusView } from './status-view/status-view';
import { t } from '../i18n/translate';

interface Props extends ChatViewProps {
  chatView: ChatViewLoader;
}

/** The chat view from its own chunk; progress until it has loaded (it loads alongside the SDK). */
export function LazyChatView({ chatView, ...props }: Props) {
  const [View, setView] = useState(() => chatView.loaded());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (View !== null) return undefined;
    let live = true;
    chatView.load().then(
      (view) => live && setView(() => view),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chatView, View]);
  if (View !== null) return <View {...props} />;
  return <StatusView text={t(failed ? 'viewFailed' : 'connecting')} />;
}
