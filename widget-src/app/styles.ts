/** All app styles, adopted once into the shadow root (see shared/styles.ts for why not <style>). */
import attachmentChips from './components/attachment-chips/attachment-chips.css';
import chatView from './components/chat-view/chat-view.css';
import composer from './components/composer/composer.css';
import connectionBanner from './components/connection-banner/connection-banner.css';
import mediaItem from './components/media-item/media-item.css';
import messageItem from './components/message-item/message-item.css';
import messageList from './components/message-list/message-list.css';
import panelFrame from './components/panel-frame/panel-frame.css';
import preEngagementForm from './components/pre-engagement-form/pre-engagement-form.css';
import statusView from './components/status-view/status-view.css';
import base from './base.css';

export const appCss = [
  base,
  panelFrame,
  preEngagementForm,
  statusView,
  chatView,
  connectionBanner,
  messageList,
  messageItem,
  mediaItem,
  attachmentChips,
  composer,
].join('\n');
