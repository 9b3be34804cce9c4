/**
 * Entry of one translation's chunk (`webchat/texts-<language>-<hash>.js`): the build points
 * `webchat-language-table` at that language's file (scripts/build/build-widget.ts).
 */
import texts from 'webchat-language-table';
import { defineChunk } from '../../common/chunks';
import type { Translation } from './languages';

declare const __WEBCHAT_LANGUAGE__: Translation;

defineChunk(`texts-${__WEBCHAT_LANGUAGE__}`, texts);
