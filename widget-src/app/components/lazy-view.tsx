import { useEffect, useState } from 'preact/hooks';
import type { ViewLoader } from '../view-loader';
import { StatusView } from './status-view/status-view';
import { t } from '../i18n/translate';

interface Props<P extends object> {
  view: ViewLoader<P>;
  props: P;
  /** What shows while its chunk loads. */
  waiting: string;
}

/** A view from its own chunk (chat view, start form); progress until it has loaded, and a notice if it cannot. */
export function LazyView<P extends object>({ view, props, waiting }: Props<P>) {
  const [View, setView] = useState(() => view.loaded());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (View !== null) return undefined;
    let live = true;
    view.load().then(
      (loaded) => live && setView(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [view, View]);
  if (View !== null) return <View {...props} />;
  return <StatusView text={failed ? t('viewFailed') : waiting} />;
}
