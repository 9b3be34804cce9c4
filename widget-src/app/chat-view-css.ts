/** The chat view's styles, shipped in the chat-view chunk and adopted when it loads (see load-chat-view.ts). */
import attachmentChips from './components/attachment-chips/attachment-chips.css';
import chatView from './components/chat-view/chat-view.css';
import composer from './components/composer/composer.css';
import connectionBanner from './components/connection-banner/connection-banner.css';
import mediaItem from './components/media-item/media-item.css';
import messageItem from './components/message-item/message-item.css';
import messageList from './components/message-list/message-list.css';
import pendingMessages from './components/pending-messages/pending-messages.css';

export const chatCss = [chatView, connectionBanner, messageList, messageItem, pendingMessages, mediaItem, attachmentChips, composer].join('\n');
