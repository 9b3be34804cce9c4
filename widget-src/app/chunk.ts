/** Entry of the `app` chunk, loaded by the loader on first open: see common/chunks.ts. */
import { defineChunk } from '../common/chunks';
import { APP_SHARED } from './app-shared';
import { mount } from './index';

defineChunk('app', { mount });
defineChunk('app-shared', APP_SHARED);
