import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ChatMedia } from '../../../transport/chat-transport';
import { formatBytes } from '../../format/bytes';
import { FILE_ICON, Icon } from '../icon';
import { t } from '../../i18n/chat-texts';

interface Props {
  media: ChatMedia;
  getMediaUrl: (media: ChatMedia) => Promise<string>;
}

/** Twilio's media URLs are temporary (minutes): older ones are fetched again before opening. */
const URL_MAX_AGE_MS = 4 * 60_000;

/** An attached file: a thumbnail for images, a download link otherwise, both through the temporary URL. */
export function MediaItem({ media, getMediaUrl }: Props) {
  const [url, setUrl] = useState<{ href: string; at: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const image = media.contentType.startsWith('image/');

  const resolve = useCallback(async (): Promise<string | null> => {
    try {
      const href = await getMediaUrl(media);
      setUrl({ href, at: Date.now() });
      setFailed(false);
      return href;
    } catch {
      setFailed(true);
      return null;
    }
  }, [getMediaUrl, media]);

  useEffect(() => {
    void resolve();
  }, [resolve]);

  async function openFresh(event: MouseEvent): Promise<void> {
    if (url !== null && Date.now() - url.at < URL_MAX_AGE_MS) return;
    event.preventDefault();
    const href = await resolve();
    if (href !== null) window.open(href, '_blank', 'noopener');
  }

  const label = t('fileLabel', { file: media.filename, size: formatBytes(media.size) });
  if (failed) {
    return (
      <p class="media failed">
        <span>{t('mediaFailed', { file: label })}</span>{' '}
        <button type="button" class="link-button" onClick={() => void resolve()}>
          {t('retry')}
        </button>
      </p>
    );
  }
  return (
    <a
      class={`media ${image ? 'image' : 'file'}`}
      href={url?.href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={image ? t('openImage', { file: label }) : undefined}
      onClick={(event) => void openFresh(event)}
    >
      {image && url !== null ? (
        <img src={url.href} alt="" />
      ) : (
        <>
          <Icon path={FILE_ICON} />
          {/* Read as one sentence in the language's word order; the visible name and size are the same words. */}
          <span class="sr-only">{t('download', { file: label })}</span>
          <span class="media-name" aria-hidden="true">
            {media.filename}
          </span>
          <span class="media-size" aria-hidden="true">
            {formatBytes(media.size)}
          </span>
        </>
      )}
    </a>
  );
}
