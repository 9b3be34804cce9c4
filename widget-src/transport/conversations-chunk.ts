/** Entry of the `conversations-transport` chunk (the Conversations SDK): see shared/chunks.ts. */
import { defineChunk } from '../shared/chunks';
import { ConversationsTransport } from './conversations-transport';

defineChunk('conversations-transport', ConversationsTransport);
