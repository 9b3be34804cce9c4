/** Checks files before upload: type, size, count and total size, with one clear message per refused file. */
import { formatBytes } from '../format/bytes';
import { t } from '../i18n/translate';
import type { AttachmentSettings } from '../settings/app-config';

/** A file waiting in the composer. */
export interface PendingFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  data: Blob;
  /** Waiting while absent; a failed file is sent again by the next send. */
  status?: 'sending' | 'failed';
}

export interface FileCandidate {
  name: string;
  size: number;
  type: string;
}

export interface AddFilesResult<T> {
  accepted: T[];
  /** One sentence per rejected file, for the visitor. */
  errors: string[];
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Splits `files` into those that may be added next to the waiting `current` ones and messages about the rest. */
export function checkFiles<T extends FileCandidate>(settings: AttachmentSettings, current: ReadonlyArray<{ size: number }>, files: T[]): AddFilesResult<T> {
  const accepted: T[] = [];
  const errors: string[] = [];
  if (!settings.enabled) return { accepted, errors: files.length > 0 ? [t('noFiles')] : [] };
  let total = current.reduce((sum, file) => sum + file.size, 0);
  for (const file of files) {
    if (!settings.acceptedExtensions.includes(extension(file.name))) {
      errors.push(t('badType', { file: file.name, types: settings.acceptedExtensions.join(', ') }));
    } else if (file.size > settings.maxFileSize) {
      errors.push(t('tooBig', { file: file.name, size: formatBytes(file.size), max: formatBytes(settings.maxFileSize) }));
    } else if (file.size === 0) {
      errors.push(t('emptyFile', { file: file.name }));
    } else if (current.length + accepted.length >= settings.maxFiles) {
      errors.push(t('tooMany', { file: file.name, count: settings.maxFiles }));
    } else if (total + file.size > settings.maxTotalFileSize) {
      errors.push(t('tooMuch', { file: file.name, max: formatBytes(settings.maxTotalFileSize) }));
    } else {
      total += file.size;
      accepted.push(file);
    }
  }
  return { accepted, errors };
}
