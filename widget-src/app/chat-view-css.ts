/** The chat view's styles, shipped in the chat-view chunk and adopted when it loads (see load-chat-view.ts). */
import attachmentChips from './components/attachment-chips/attachment-chips.css';
import chatView from './components/chat-view/chat-view.css';
import composer from './components/composer/composer.css';
import connectionBanner from './components/connection-banner/connection-banner.css';
import endChat from './components/end-chat/end-chat.css';
import mediaItem from './components/media-item/media-item.css';
import messageItem from './components/message-item/message-item.css';
import messageList from './components/message-list/message-list.css';
import pastChats from './components/past-chats/past-chats.css';
import pendingMessages from './components/pending-messages/pending-messages.css';
import transcriptMenu from './components/transcript-menu/transcript-menu.css';

export const chatCss = [chatView, endChat, connectionBanner, messageList, messageItem, pendingMessages, mediaItem, attachmentChips, composer, transcriptMenu, pastChats].join('\n');
