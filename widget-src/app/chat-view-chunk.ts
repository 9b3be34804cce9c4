/**
 * Entry of the `chat-view` chunk: the conversation view, loaded with the SDK when a chat starts
 * (or resumes), so the app chunk that shows the form stays small. See shared/chunks.ts.
 */
import { defineChunk } from '../shared/chunks';
import { chatCss } from './chat-styles';
import { ChatView } from './components/chat-view/chat-view';

defineChunk('chat-view', { ChatView, css: chatCss });
