/**
 * Entry of the `transcript` chunk: the builder of the text and web-page transcripts
 * (contract/transcript.ts), the chat view's largest part, fetched only when the visitor turns to a
 * transcript (load-transcript.ts). See common/chunks.ts.
 */
import { transcriptHtml, transcriptText } from '../../../contract/transcript';
import { defineChunk } from '../../common/chunks';

const builder = { transcriptText, transcriptHtml };

export type TranscriptBuilder = typeof builder;

defineChunk('transcript', builder);
