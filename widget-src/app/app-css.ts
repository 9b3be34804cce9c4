/** The app's own styles (the form's come with it, in the start-form chunk), adopted once into the shadow root (see common/adopt-styles.ts for why not <style>). */
import panelFrame from './components/panel-frame/panel-frame.css';
import statusView from './components/status-view/status-view.css';
import base from './base.css';

export const appCss = [base, panelFrame, statusView].join('\n');
