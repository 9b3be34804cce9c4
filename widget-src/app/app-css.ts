/** The app's styles up to the chat, adopted once into the shadow root (see common/adopt-styles.ts for why not <style>). */
import panelFrame from './components/panel-frame/panel-frame.css';
import preEngagementForm from './components/pre-engagement-form/pre-engagement-form.css';
import statusView from './components/status-view/status-view.css';
import base from './base.css';

export const appCss = [base, panelFrame, preEngagementForm, statusView].join('\n');
