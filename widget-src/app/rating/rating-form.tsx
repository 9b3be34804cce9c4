import type { TargetedEvent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { RATING_COMMENT_MAX } from '../../../contract/contact-center-api';
import { isApiError } from '../../api/api-error';
import { adoptStyles } from '../../common/adopt-styles';
import { t } from '../i18n/translate';
import css from './rating-form.css';
import type { RatingFormProps } from './rating-module';

const RATINGS = [1, 2, 3, 4, 5];

/**
 * The rating offered when a chat has ended: five radio buttons (one group: arrows move between
 * them, the legend names the question, each says "N of 5"), an optional comment and a button. The
 * answer is said politely; a chat rated already (another tab) counts as rated.
 */
export function RatingForm({ store }: RatingFormProps) {
  const ref = useRef<HTMLFormElement>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<'editing' | 'sending' | 'sent'>('editing');
  const [problem, setProblem] = useState<string | null>(null);
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode();
    if (root instanceof ShadowRoot) adoptStyles(root, css);
  }, []);

  async function submit(event: TargetedEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const { session, api } = store.backend;
    if (status !== 'editing' || session === null) return;
    if (rating === 0) return setProblem(t('rating.choose'));
    setStatus('sending');
    setProblem(null);
    try {
      await api.rateChat({ token: session.token, conversationSid: session.conversationSid, rating, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) });
      setStatus('sent');
    } catch (error) {
      if (isApiError(error) && error.code === 'ALREADY_RATED') return setStatus('sent');
      setProblem(t('rating.failed'));
      setStatus('editing');
    }
  }

  if (status === 'sent') {
    return (
      <p class="rating-thanks" role="status">
        {t('rating.sent')}
      </p>
    );
  }
  return (
    <form ref={ref} class="rating" noValidate onSubmit={(event) => void submit(event)} aria-busy={status === 'sending'}>
      <fieldset class="rating">
        <legend>{t('rating.question')}</legend>
        <div class="rating-stars">
          {RATINGS.map((value) => (
            <label key={value} class={value <= rating ? 'lit' : undefined}>
              <input type="radio" name="twc-rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
              <span aria-hidden="true">★</span>
              <span class="sr-only">{t('rating.value', { rating: value })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for="twc-rating-comment">{t('rating.comment')}</label>
      <textarea id="twc-rating-comment" rows={2} maxLength={RATING_COMMENT_MAX} value={comment} dir="auto" onInput={(event) => setComment(event.currentTarget.value)} />
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="secondary" aria-disabled={status === 'sending'}>
        {t(status === 'sending' ? 'rating.sending' : 'rating.send')}
      </button>
    </form>
  );
}
