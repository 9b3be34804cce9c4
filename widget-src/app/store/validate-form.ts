/** Client-side validation of the pre-engagement form, mirroring the backend's limits (issue 2). */
import type { AppConfig } from './app-config';

// Same idea as the backend: one @, something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
    else if (field.type === 'email' && !EMAIL.test(value)) errors[field.name] = 'Please enter a valid email address, like name@example.com.';
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
