/**
 * GET /webchatConfig: the widget's public settings, so they can be changed in the Twilio Console
 * (Environment Variables) instead of in every site's HTML. The widget fetches it when it opens and
 * lays the page's own `initWebchat(config)` over it.
 *
 * Variables: ALLOWED_ORIGINS and the rest initWebchat needs (checked the same way), plus the
 * optional WIDGET_* settings and the opening hours, BUSINESS_HOURS, BUSINESS_CLOSED_DATES and CHAT_CLOSED (see .env.example).
 * Request: GET from an allowed origin, or without Origin (same-origin pages, tools).
 * Answer: 200 `{strings?, theme?, preEngagement?, fileAttachment?, locale?, availability}` cached for a minute
 * (initWebchat checks the hours again, so a cached `open` never starts a chat while closed),
 * or `{error: {code, message}}`.
 */
import type { DeploymentSettings } from '../contract/api';
import { availabilityNow } from './lib/open-now';
import { settingsEndpoint } from './lib/settings-endpoint';
import { readWidgetSettings } from './lib/widget-settings';

export const handler = settingsEndpoint<DeploymentSettings>('webchatConfig', (context) => ({
  ...readWidgetSettings(context),
  availability: availabilityNow(context),
}));
