/**
 * Entry of the `chat-view` chunk: the conversation view, loaded with the SDK when a chat starts
 * (or resumes), so the app chunk that shows the form stays small. See common/chunks.ts.
 */
import { defineChunk } from '../common/chunks';
import { chatCss } from './chat-view-css';
import { ChatView } from './components/chat-view/chat-view';
import { PastChats } from './components/past-chats/past-chats';
import { watchPageEvents } from './page-events';

defineChunk('chat-view', { ChatView, css: chatCss, watchPageEvents, PastChats });
