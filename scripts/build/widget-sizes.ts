/**
 * Measures the built widget the way visitors download it: the loader on every page, the app on
 * first open, each transport chunk when a chat starts, the transcript builder when a transcript is made. Each is one classic script (see
 * scripts/build/build-widget.ts). Used by the size budget test and the widget benchmark.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ChunkFile } from '../../widget-src/common/chunks';

export interface SizedFile {
  raw: number;
  gzip: number;
  brotli: number;
  file: string;
}

export interface WidgetSizes {
  loader: SizedFile;
  chunks: Record<ChunkFile, SizedFile>;
  /** Every script the build ships (the loader and each file under webchat/), so a new chunk counts without being named. */
  all: SizedFile[];
}

const CHUNK_NAMES: readonly ChunkFile[] = ['app', 'chat-view', 'conversations-transport', 'transcript', 'start-form', 'offline', 'rating'];

async function measure(file: string): Promise<SizedFile> {
  const bytes = await readFile(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    file,
  };
}

/** Sizes of the widget built into `assetsDir` (normally dist/assets). */
export async function measureWidget(assetsDir: string): Promise<WidgetSizes> {
  const files = await readdir(path.join(assetsDir, 'webchat'));
  const chunk = async (name: ChunkFile): Promise<[ChunkFile, SizedFile]> => {
    const file = files.find((candidate) => new RegExp(`^${name}-[A-Z0-9]+\\.js$`).test(candidate));
    if (file === undefined) throw new Error(`no webchat/${name}-*.js in ${assetsDir}`);
    return [name, await measure(path.join(assetsDir, 'webchat', file))];
  };
  const loader = await measure(path.join(assetsDir, 'webchat.js'));
  const scripts = files.filter((file) => file.endsWith('.js')).map((file) => measure(path.join(assetsDir, 'webchat', file)));
  return {
    loader,
    chunks: Object.fromEntries(await Promise.all(CHUNK_NAMES.map(chunk))) as Record<ChunkFile, SizedFile>,
    all: [loader, ...(await Promise.all(scripts))],
  };
}

/** The sum of `files`' sizes, each measured on its own as browsers download them. */
const isTranslation = (file: string): boolean => /[\\/]texts-[\w-]+-[A-Z0-9]+\.js$/.test(file);

/** The closed view, which runs only when no chat can start: never part of a chat. */
const isClosedView = (file: string): boolean => /[\\/]offline-[A-Z0-9]+\.js$/.test(file);

/** The scripts one chat runs: every file but the translations and the closed view, and of the translations only the largest (a visitor loads one). */
export function scriptsOfAChat(files: readonly SizedFile[]): SizedFile[] {
  const translations = files.filter((script) => isTranslation(script.file)).sort((a, b) => b.gzip - a.gzip);
  return [...files.filter((script) => !isTranslation(script.file) && !isClosedView(script.file)), ...translations.slice(0, 1)];
}

export function totalSize(files: readonly SizedFile[]): SizedFile {
  const sum = (key: 'raw' | 'gzip' | 'brotli'): number => files.reduce((total, file) => total + file[key], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), file: '' };
}
