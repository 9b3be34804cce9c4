/** Entry of the `conversations-transport` chunk (the Conversations SDK): see common/chunks.ts. */
import { defineChunk } from '../common/chunks';
import { ConversationsTransport } from './conversations-transport';

defineChunk('conversations-transport', ConversationsTransport);
