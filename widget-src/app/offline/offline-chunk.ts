/**
 * Entry of the `offline` chunk: the closed view and its message form (offline-view.tsx) with their
 * English, loaded only when a visitor finds the chat closed (app/index.tsx, as a view: view-loader.ts), so the
 * app chunk and every chat during the hours stay without them. See common/chunks.ts; `t`, Preact
 * and the focus hook are the app's own (app/app-shared.ts).
 */
import { defineChunk } from '../../common/chunks';
import { EN_OFFLINE } from '../i18n/en-offline';
import { addEnglish } from '../i18n/translate';
import { OfflineView } from './offline-view';

addEnglish(EN_OFFLINE);

// Its styles are the app's (the form's classes): nothing to adopt.
const offline = { View: OfflineView, css: '' };

export type OfflineModule = typeof offline;

defineChunk('offline', offline);
