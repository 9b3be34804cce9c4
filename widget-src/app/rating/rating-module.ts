import type { ComponentType } from 'preact';
import type { ChatStore } from '../store/chat-store';

export interface RatingFormProps {
  store: ChatStore;
}

/** What the rating chunk defines (rating-chunk.ts); types only, so that importing them brings in none of its code or styles. */
export interface RatingModule {
  RatingForm: ComponentType<RatingFormProps>;
}
