/**
 * `t()` for the form and what a failed start says: importing it from here registers the form's
 * English (en-form.ts) with the one shared `t()`, so that English ships in the start-form chunk.
 */
import { EN_FORM } from './en-form';
import { addEnglish, t } from './translate';

addEnglish(EN_FORM);

export { t };
