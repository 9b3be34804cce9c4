import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useRef } from 'preact/hooks';
import type { AppConfig } from '../../settings/app-config';
import type { ChatState } from '../../store/chat-state';
import type { ChatStore } from '../../store/chat-store';
import { Captcha } from '../captcha/captcha';
import { useFocusWhenOpen } from '../use-focus-when-open';
import { t } from '../../i18n/form-texts';

export interface PreEngagementFormProps {
  store: ChatStore;
  state: ChatState;
  fields: AppConfig['fields'];
  /** The text above the fields (`strings.welcome`). */
  intro: string;
  open: boolean;
}

const fieldId = (name: string): string => `twc-field-${name}`;

/** The pre-engagement form: configurable fields, inline accessible errors, Enter submits valid input only. */
export function PreEngagementForm({ store, state, fields, intro, open }: PreEngagementFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useFocusWhenOpen(firstRef, open);
  const submitting = state.phase === 'submitting';

  async function submit(event: TargetedEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const ok = await store.submit();
    if (ok) return;
    // Send the visitor to the first problem, where its message is read out with the field.
    const errors = store.getState().fieldErrors;
    const invalid = fields.find((field) => errors[field.name] !== undefined);
    if (invalid !== undefined) formRef.current?.querySelector<HTMLElement>(`#${fieldId(invalid.name)}`)?.focus();
  }

  function onTextareaKey(event: TargetedKeyboardEvent<HTMLTextAreaElement>): void {
    // Enter submits like in the original app; Shift+Enter adds a line; IME composition is left alone.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <form ref={formRef} class="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      {state.notice !== null && (
        <p class="form-notice" role="status">
          {state.notice}
        </p>
      )}
      <p class="form-intro">{intro}</p>
      {fields.map((field, position) => {
        const id = fieldId(field.name);
        const error = state.fieldErrors[field.name];
        const common = {
          id,
          name: field.name,
          value: state.formValues[field.name] ?? '',
          maxLength: field.maxLength,
          required: field.required,
          // Read-only, not disabled: a disabled field drops focus, and focus must survive into the chat.
          readOnly: submitting,
          'aria-invalid': error !== undefined,
          'aria-describedby': error !== undefined ? `${id}-error` : undefined,
          autocomplete: field.autocomplete,
          // What the visitor types runs in its own direction (Latin in an Arabic form, say).
          dir: 'auto' as const,
          ref: position === 0 ? firstRef : undefined,
          onInput: (event: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
            store.setField(field.name, event.currentTarget.value),
        };
        return (
          <div class="field" key={field.name}>
            <label for={id}>
              {field.label}
              {!field.required && <span class="optional"> {t('optional')}</span>}
            </label>
            {field.type === 'textarea' ? (
              <textarea {...common} rows={3} onKeyDown={onTextareaKey} />
            ) : field.type === 'email' ? (
              <input {...common} type="email" />
            ) : (
              <input {...common} type="text" />
            )}
            {error !== undefined && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      {state.captcha !== null && (
        <Captcha key={state.captchaRound} captcha={state.captcha} onToken={(token) => store.setCaptchaToken(token)} />
      )}
      {state.formError !== null && (
        <p class="form-error" role="alert">
          {state.formError}
        </p>
      )}
      <button type="submit" class="primary" aria-disabled={submitting}>
        {t(submitting ? 'startBusy' : 'start')}
      </button>
    </form>
  );
}
