/**
 * `t()` for the chat view's components: importing it from here registers the chat view's English
 * (en-chat.ts) with the one shared `t()`, so that English ships in the chat-view chunk.
 */
import { EN_CHAT } from './en-chat';
import { addEnglish, t } from './translate';

addEnglish(EN_CHAT);

export { t };
