/** Entry of the `app` chunk, loaded by the loader on first open: see shared/chunks.ts. */
import { defineChunk } from '../shared/chunks';
import { APP_SHARED } from './app-shared';
import { mount } from './index';

defineChunk('app', { mount });
defineChunk('app-shared', APP_SHARED);
