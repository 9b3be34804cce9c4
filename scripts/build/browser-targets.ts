/**
 * The browsers the widget supports, read from the `browserslist` field of package.json (one list
 * for every tool). It is pinned to versions, not `last 3 years`, so a build is the same whatever the
 * day: Safari 15.4 is the floor because the Conversations SDK calls `crypto.randomUUID`
 * (https://caniuse.com/mdn-api_crypto_randomuuid), Chrome, Edge and Firefox are those released in
 * the three years before November 2026.
 */
import browserslist from 'browserslist';

const ROOT = `${__dirname}/../..`;

/** esbuild's name for each browserslist family we list. */
const ESBUILD_ENGINE: Readonly<Record<string, string>> = {
  chrome: 'chrome',
  and_chr: 'chrome',
  edge: 'edge',
  firefox: 'firefox',
  and_ff: 'firefox',
  safari: 'safari',
  ios_saf: 'ios',
};

/** The resolved browser list, e.g. `['chrome 120', 'safari 15.4', ...]`. */
export function supportedBrowsers(): string[] {
  return browserslist(undefined, { path: ROOT });
}

/** The oldest version of each engine, as esbuild targets (`['chrome120', 'safari15.4', ...]`). */
export function esbuildTargets(): string[] {
  const oldest = new Map<string, number>();
  for (const entry of supportedBrowsers()) {
    const [family = '', range = ''] = entry.split(' ');
    const engine = ESBUILD_ENGINE[family];
    if (engine === undefined) throw new Error(`browser-targets: no esbuild engine for "${entry}"; map it in ESBUILD_ENGINE`);
    // Ranges such as "18.5-18.7" start at their first version.
    const version = Number.parseFloat(range.split('-')[0] ?? '');
    if (!(version <= (oldest.get(engine) ?? Number.POSITIVE_INFINITY))) continue;
    oldest.set(engine, version);
  }
  return [...oldest].map(([engine, version]) => `${engine}${version}`).sort();
}
