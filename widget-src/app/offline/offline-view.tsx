import type { TargetedEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAvailability, type Availability } from '../../../contract/contact-center-api';
import { isApiError } from '../../api/api-error';
import { useFocusWhenOpen } from '../components/use-focus-when-open';
import { formData, validateForm } from '../form/validate-form';
import { t } from '../i18n/translate';
import type { AppConfig } from '../settings/app-config';
import type { ChatStore } from '../store/chat-store';
import { LIMITS } from '../../../contract/limits';

export interface OfflineViewProps {
  store: ChatStore;
  availability: Availability;
  config: AppConfig;
  open: boolean;
}

const fieldId = (name: string): string => `twc-offline-${name}`;

/** The three things a reply needs; the site's own form fields are for chats. */
function offlineFields(): AppConfig['fields'] {
  const field = (name: 'friendlyName' | 'email' | 'query', label: string, type: 'text' | 'email' | 'textarea', autocomplete: string) => ({ name, label, type, required: true, maxLength: LIMITS[name], autocomplete });
  return [field('friendlyName', t('name'), 'text', 'name'), field('email', t('email'), 'email', 'email'), field('query', t('offline.message'), 'textarea', 'off')];
}

/** When the chat opens, in the visitor's own time zone and language. */
function opensText(opensAt: string | undefined, locale: string): string | null {
  if (opensAt === undefined) return null;
  const when = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(opensAt));
  return t('closed.opens', { when });
}

function failureText(error: unknown): string {
  if (!isApiError(error)) return t('offline.failed');
  if (error.code === 'NETWORK_ERROR') return t('unreachable');
  // The backend's own sentence says what to change.
  if (error.code === 'INVALID_FIELD' || error.code === 'INVALID_REQUEST') return error.message;
  return t('offline.failed');
}

/**
 * Outside the opening hours: why the chat is closed and when it opens, then a message form
 * (name, email, message) whose message reaches the contact center (the offlineMessage Function).
 * What the visitor typed in the chat's form is carried over.
 */
export function OfflineView({ store, availability: told, config, open }: OfflineViewProps) {
  // From the network (webchatConfig, or initWebchat's refusal): what cannot be read is a plain "closed".
  const availability: Availability = isAvailability(told) ? told : { open: false };
  const [fields] = useState(offlineFields);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...store.getState().formValues }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [failure, setFailure] = useState<string | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusWhenOpen(firstRef, open);
  // The start challenge is solved while the visitor writes, as for a chat.
  useEffect(() => void store.backend.api.prepareStart().catch(() => undefined), [store]);

  async function submit(event: TargetedEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (status !== 'editing') return;
    const found = validateForm(fields, values);
    setErrors(found);
    setFailure(null);
    const invalid = fields.find((field) => found[field.name] !== undefined);
    if (invalid !== undefined) {
      formRef.current?.querySelector<HTMLElement>(`#${fieldId(invalid.name)}`)?.focus();
      return;
    }
    setStatus('sending');
    const data = formData(fields, values);
    try {
      await store.backend.api.offlineMessage({ friendlyName: data.friendlyName ?? '', email: data.email ?? '', query: data.query ?? '' }, config.locale);
      setStatus('sent');
    } catch (error) {
      const field = isApiError(error) ? error.field?.replace(/^formData\./, '') : undefined;
      if (field !== undefined && fields.some((known) => known.name === field)) setErrors({ [field]: failureText(error) });
      else setFailure(failureText(error));
      setStatus('editing');
    }
  }

  const opens = opensText(availability.opensAt, config.locale);
  return (
    <div class="form offline">
      <p class="form-notice">
        {t(availability.reason === 'holiday' ? 'closed.holiday' : availability.reason === 'closed' ? 'closed.closed' : 'closed.hours')}
        {opens !== null && ` ${opens}`}
      </p>
      {status === 'sent' ? (
        <p class="form-intro" role="status">
          {t('offline.sent')}
        </p>
      ) : (
        <form ref={formRef} class="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={status === 'sending'}>
          <p class="form-intro">{t('offline.intro')}</p>
          {fields.map((field, position) => {
            const id = fieldId(field.name);
            const error = errors[field.name];
            const common = {
              id,
              name: field.name,
              value: values[field.name] ?? '',
              maxLength: field.maxLength,
              required: true,
              readOnly: status === 'sending',
              'aria-invalid': error !== undefined,
              'aria-describedby': error !== undefined ? `${id}-error` : undefined,
              autocomplete: field.autocomplete,
              dir: 'auto' as const,
              onInput: (event: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues({ ...values, [field.name]: event.currentTarget.value }),
            };
            return (
              <div class="field" key={field.name}>
                <label for={id}>{field.label}</label>
                {field.type === 'textarea' ? (
                  <textarea {...common} rows={4} />
                ) : field.type === 'email' ? (
                  <input {...common} type="email" />
                ) : (
                  <input {...common} ref={position === 0 ? firstRef : undefined} type="text" />
                )}
                {error !== undefined && (
                  <p class="field-error" id={`${id}-error`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          {failure !== null && (
            <p class="form-error" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" class="primary" aria-disabled={status === 'sending'}>
            {t(status === 'sending' ? 'offline.sending' : 'offline.send')}
          </button>
        </form>
      )}
    </div>
  );
}
