import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../functions/lib/errors';
import { readWidgetSettings } from '../../functions/lib/widget-settings';
import { testEnv } from '../support/fixtures';

const fields = '[{"name":"friendlyName","label":"Name","required":true},{"name":"orderNumber","label":"Order number"},{"name":"query","label":"Question","type":"textarea","required":true}]';

const everything = testEnv({
  WIDGET_TITLE: 'Talk to Example Outfitters',
  WIDGET_WELCOME_TEXT: 'Hi! Tell us about your order.',
  WIDGET_BRAND_COLOR: '#0a7b3e',
  WIDGET_BRAND_TEXT_COLOR: '#fff',
  WIDGET_DARK_THEME: 'true',
  WIDGET_FORM_FIELDS: fields,
  WIDGET_LANGUAGE: 'en-gb',
  WIDGET_ATTACHMENTS_ENABLED: 'true',
  WIDGET_ATTACHMENT_MAX_BYTES: '5242880',
  WIDGET_ATTACHMENT_EXTENSIONS: 'PNG, .pdf',
  WIDGET_ATTACHMENT_MAX_FILES: '3',
});

function problem(overrides: Record<string, string>): string {
  try {
    readWidgetSettings(testEnv(overrides));
  } catch (error) {
    if (error instanceof ConfigurationError) return `${error.variable}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('the widget settings read from the environment', () => {
  it('answers nothing when no WIDGET_* variable is set, so the widget keeps its own defaults', () => {
    expect(readWidgetSettings(testEnv())).toStrictEqual({});
  });

  it('answers every setting in the shape of the page\'s initWebchat config', () => {
    expect(readWidgetSettings(everything)).toStrictEqual({
      strings: { title: 'Talk to Example Outfitters', welcome: 'Hi! Tell us about your order.' },
      theme: { isLight: false, overrides: { '--twc-brand': '#0a7b3e', '--twc-on-brand': '#fff' } },
      preEngagement: {
        fields: [
          { name: 'friendlyName', label: 'Name', type: 'text', required: true },
          { name: 'orderNumber', label: 'Order number', type: 'text', required: false },
          { name: 'query', label: 'Question', type: 'textarea', required: true },
        ],
      },
      fileAttachment: { enabled: true, maxFileSize: 5242880, acceptedExtensions: ['png', 'pdf'], maxFiles: 3 },
      locale: 'en-GB',
    });
  });

  it('never answers a credential or any other server-side setting', () => {
    const json = JSON.stringify(readWidgetSettings(everything));
    for (const name of ['ACCOUNT_SID', 'AUTH_TOKEN', 'API_KEY', 'API_SECRET', 'ADDRESS_SID', 'CONVERSATIONS_SERVICE_SID', 'ALLOWED_ORIGINS', 'WELCOME_MESSAGE']) {
      expect(json).not.toContain(everything[name]);
    }
  });

  it.each([
    [{ WIDGET_BRAND_COLOR: 'red; display:none' }, /WIDGET_BRAND_COLOR: .*colour like #0263e0/],
    [{ WIDGET_DARK_THEME: 'yes' }, /WIDGET_DARK_THEME: .*true or false/],
    [{ WIDGET_TITLE: 'x'.repeat(61) }, /WIDGET_TITLE: .*at most 60/],
    [{ WIDGET_FORM_FIELDS: '{"name":"x"}' }, /WIDGET_FORM_FIELDS: .*JSON array of 1 to 13/],
    [{ WIDGET_FORM_FIELDS: '[{"name":"x"' }, /WIDGET_FORM_FIELDS: .*JSON array like/],
    [{ WIDGET_FORM_FIELDS: '[{"name":"order number","label":"x"}]' }, /WIDGET_FORM_FIELDS: .*field 1 without a name initWebchat accepts/],
    [{ WIDGET_FORM_FIELDS: '[{"name":"friendlyName","label":"A"},{"name":"constructor","label":"B"}]' }, /WIDGET_FORM_FIELDS: .*field 2 without a name initWebchat accepts/],
    [{ WIDGET_FORM_FIELDS: '[{"name":"a","label":"A"},{"name":"a","label":"B"}]' }, /WIDGET_FORM_FIELDS: .*twice/],
    [{ WIDGET_FORM_FIELDS: '[{"name":"a","label":"A","type":"password"}]' }, /WIDGET_FORM_FIELDS: .*type other than text, email, textarea/],
    [{ WIDGET_ATTACHMENT_MAX_BYTES: '99999999' }, /WIDGET_ATTACHMENT_MAX_BYTES: .*1 to 16777216/],
    [{ WIDGET_ATTACHMENT_EXTENSIONS: 'png,p df' }, /WIDGET_ATTACHMENT_EXTENSIONS: .*like jpg,png,pdf/],
    [{ WIDGET_LANGUAGE: 'english!' }, /WIDGET_LANGUAGE: .*language tag/],
  ])('refuses %j with an error that names the variable', (overrides, message) => {
    expect(problem(overrides)).toMatch(message);
  });
});
