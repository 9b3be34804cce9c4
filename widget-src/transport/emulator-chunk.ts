/** Entry of the `emulator-transport` chunk (local development and tests): see shared/chunks.ts. */
import { defineChunk } from '../shared/chunks';
import { EmulatorTransport } from './emulator-transport';

defineChunk('emulator-transport', EmulatorTransport);
