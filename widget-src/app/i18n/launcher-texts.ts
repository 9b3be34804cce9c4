/** The launcher's label in the chosen language, which the loader asks the app for (common/app-contract.ts). */
import type { WebchatConfig } from '../../common/config';
import { t } from './translate';

export function launcherLabel(open: boolean, unread: number, strings: WebchatConfig['strings']): string {
  if (open) return t('launcher.close');
  const label = strings?.launcherLabel ?? t('launcher.open');
  return unread > 0 ? t('launcher.unread', { label, count: unread }) : label;
}
