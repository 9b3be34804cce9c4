import { useEffect, useState } from 'preact/hooks';
import { loadChunk, type ChunkPaths } from '../../common/chunks';
import type { OfflineModule } from '../offline/offline-chunk';
import type { OfflineViewProps } from '../offline/offline-view';
import { StatusView } from './status-view/status-view';
import { t } from '../i18n/translate';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

/** The closed view from its own chunk (offline/offline-chunk.ts), fetched only when the chat is closed. */
export function LazyOffline(props: OfflineViewProps & { loaderUrl: string }) {
  const [module, setModule] = useState<OfflineModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadChunk('offline', new URL(__WEBCHAT_CHUNKS__.offline, props.loaderUrl).href).then(
      (loaded) => live && setModule(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.loaderUrl]);
  if (module !== null) return <module.OfflineView {...props} />;
  return <StatusView text={t(failed ? 'viewFailed' : 'loading')} />;
}
