/** Client-side validation of the pre-engagement form, with the backend's own rules and limits. */
import { LIMITS } from '../../../contract/limits';
import { CONTROL_MULTI_LINE, CONTROL_SINGLE_LINE, EMAIL, preEngagementRecord, utf8Length } from '../../../contract/pre-engagement-rules';
import type { AppConfig } from '../settings/app-config';


/** Error message per field name; empty when the form is valid. */
export function validateForm(fields: AppConfig['fields'], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) errors[field.name] = `Please enter your ${field.label.toLowerCase().replace(/\?$/, '')}.`;
      if (field.required && field.type === 'textarea') errors[field.name] = 'Please tell us how we can help.';
      continue;
    }
    if (value.length > field.maxLength) errors[field.name] = `Please use at most ${field.maxLength} characters.`;
    else if ((field.type === 'textarea' ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) {
      errors[field.name] = 'Please remove the special characters this contains.';
    }
    else if (field.type === 'email' && !EMAIL.test(value)) errors[field.name] = 'Please enter a valid email address, like name@example.com.';
  }
  if (Object.keys(errors).length === 0) {
    // Each field fits, yet the whole may not (long text in many fields, or many bytes per character).
    const data = formData(fields, values);
    if (utf8Length(JSON.stringify(preEngagementRecord(data))) > LIMITS.preEngagementBytes) {
      const longest = fields.reduce((a, b) => ((data[b.name] ?? '').length > (data[a.name] ?? '').length ? b : a));
      errors[longest.name] = 'Please shorten this: what you entered is too long in all.';
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
