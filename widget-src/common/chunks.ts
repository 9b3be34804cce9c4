/**
 * The widget's lazily loaded parts are classic scripts, not ES modules. Browsers fetch module
 * scripts with CORS, and Twilio serves public Assets without `Access-Control-Allow-Origin`, so an
 * `import()` from a customer's page of a file on the twil.io domain would fail. A plain
 * `<script src>` needs no CORS and passes any CSP that allows the loader's own origin.
 *
 * Each chunk registers its export by name in a registry on `globalThis`, under a global symbol so
 * that separately built bundles share it; the loader injects the script and waits for the name.
 */
import type { ChatViewModule } from '../app/chat-view-module';
import type { AppShared } from '../app/app-shared';
import type { ChatSession, ChatTransport } from '../transport/chat-transport';
import type { LanguageTable } from '../app/i18n/en';
import type { TranscriptBuilder } from '../app/transcript/transcript-chunk';
import type { StartFormChunk } from '../app/form/start-form-chunk';
import type { OfflineModule } from '../app/offline/offline-chunk';
import type { RatingModule } from '../app/rating/rating-module';
import type { AppModule } from './app-contract';
import { injectScript } from './inject-script';

export type TransportConstructor = new (session: ChatSession) => ChatTransport;

/** What each chunk defines. */
export interface ChunkExports {
  app: AppModule;
  /** Also defined by the app chunk: the modules it lends the chat-view chunk (see app/app-shared.ts). */
  'app-shared': AppShared;
  'chat-view': ChatViewModule;
  'conversations-transport': TransportConstructor;
  /** The form, its rules and the proof of work, loaded by the app unless it resumes a chat (app/form/load-start-form.ts). */
  'start-form': StartFormChunk;
  /** The closed view and its message form, loaded by the app only while the chat is closed (app/index.tsx). */
  offline: OfflineModule;
  /** The rating form, loaded by the chat view once a chat has ended (app/rating/lazy-rating.tsx). */
  rating: RatingModule;
  /** The transcript builder, loaded by the chat view when the visitor turns to a transcript (app/transcript/load-transcript.ts). */
  transcript: TranscriptBuilder;
  /** A translation's texts, from a chunk the app loads beside itself (app/i18n/load-texts.ts). */
  [translation: `texts-${string}`]: LanguageTable;
}

/** The chunks that are files of their own. */
export type ChunkFile = Exclude<keyof ChunkExports, 'app-shared' | `texts-${string}`>;

export type ChunkName = keyof ChunkExports;

/** Chunk file paths relative to the loader's URL, written by scripts/build/build-widget.ts (hashed for caching). */
export type ChunkPaths = Readonly<Record<ChunkFile, string>>;

type Registry = Map<ChunkName, unknown>;

const REGISTRY = Symbol.for('twilio-webchat.chunks');

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/**
 * What the app chunk lends under `key` (see app/app-shared.ts), for the chat-view chunk's imports:
 * called from the code scripts/build/app-shared-modules.ts generates.
 * @public
 */
export function lentByApp<K extends keyof AppShared>(key: K): AppShared[K] {
  const shared = registry().get('app-shared') as AppShared | undefined;
  if (shared === undefined) throw new Error('the chat-view chunk runs only after the app chunk');
  return shared[key];
}

/** Called once at the top level of a chunk's entry file. */
export function defineChunk<K extends ChunkName>(name: K, value: ChunkExports[K]): void {
  registry().set(name, value);
}

/** Loads the chunk named `name` from `url` (once) and resolves to what it defined. */
export function loadChunk<K extends ChunkName>(name: K, url: string): Promise<ChunkExports[K]> {
  const defined = (): ChunkExports[K] | undefined => registry().get(name) as ChunkExports[K] | undefined;
  const known = defined();
  if (known !== undefined) return Promise.resolve(known);
  return injectScript(url).then(() => {
    const value = defined();
    if (value === undefined) throw new Error(`${url} did not define ${name}`);
    return value;
  });
}
