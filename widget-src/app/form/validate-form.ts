/** Client-side validation of the pre-engagement form, with the backend's own rules and limits. */
import { LIMITS } from '../../../contract/limits';
import { CONTROL_MULTI_LINE, CONTROL_SINGLE_LINE, EMAIL, preEngagementRecord, utf8Length } from '../../../contract/pre-engagement-rules';
import { t } from '../i18n/form-texts';
import type { AppConfig } from '../settings/app-config';


/** Error message per field name; empty when the form is valid. */
export function validateForm(fields: AppConfig['fields'], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) errors[field.name] = t('required', { field: field.label });
      if (field.required && field.type === 'textarea') errors[field.name] = t('queryRequired');
      continue;
    }
    if (value.length > field.maxLength) errors[field.name] = t('fieldTooLong', { count: field.maxLength });
    else if ((field.type === 'textarea' ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
      errors[field.name] = t('control');
    }
    else if (field.type === 'email' && !EMAIL.test(value)) errors[field.name] = t('badEmail');
  }
  if (Object.keys(errors).length === 0) {
    // Each field fits, yet the whole may not (long text in many fields, or many bytes per character).
    const data = formData(fields, values);
    if (utf8Length(JSON.stringify(preEngagementRecord(data))) > LIMITS.preEngagementBytes) {
      const longest = fields.reduce((a, b) => ((data[b.name] ?? '').length > (data[a.name] ?? '').length ? b : a));
      errors[longest.name] = t('formTooLong');
    }
  }
  return errors;
}

/** The trimmed, non-empty values of the configured fields: what `initWebchat` receives. */
export function formData(fields: AppConfig['fields'], values: Record<string, string>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value !== '') data[field.name] = value;
  }
  return data;
}
