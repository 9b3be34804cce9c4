/**
 * Entry of the `rating` chunk: the rating form (rating-form.tsx), its styles and English, loaded by
 * the chat view only once a chat has ended (load-rating.ts). See common/chunks.ts; `t`, Preact and
 * the hooks are the app's own (app/app-shared.ts).
 */
import { defineChunk } from '../../common/chunks';
import { EN_RATING } from '../i18n/en-rating';
import { addEnglish } from '../i18n/translate';
import { RatingForm } from './rating-form';
import type { RatingModule } from './rating-module';

addEnglish(EN_RATING);

defineChunk('rating', { RatingForm } satisfies RatingModule);
