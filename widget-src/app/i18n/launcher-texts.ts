/** The loader's launcher labels in the chosen language, for the loader to take from the app (common/app-contract.ts). */
import type { LauncherTexts } from '../../common/app-contract';
import { t } from './translate';

export function launcherTexts(): LauncherTexts {
  return {
    open: t('launcher.open'),
    close: t('launcher.close'),
    failed: t('launcher.failed'),
    unread: (label, count) => t('launcher.unread', { label, count }),
  };
}
