/**
 * The modules the app chunk lends to the chunks it loads (chat view, start form). Each is a separate
 * classic script (common/chunks.ts), so each would bundle its own copy of what it imports: two copies of Preact
 * cannot render into one tree (hooks live in module state), the focus hook keeps which shadow
 * roots the visitor has engaged with, `memo` needs Preact's Component class, and the texts are
 * set once, in the app's copy of i18n/translate.ts (the chat view adds its English to that copy).
 * scripts/build/app-shared-modules.ts points those chunks' imports of these modules here; it lends
 * only the names listed below (and there), so a chat component that needs another one must be added to both.
 */
import { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { memo } from './components/memo';
import { useFocusWhenOpen } from './components/use-focus-when-open';
import { addEnglish, t, textLocale } from './i18n/translate';

export const APP_SHARED = {
  'preact/jsx-runtime': { Fragment, jsx, jsxs },
  'preact/hooks': { useCallback, useEffect, useLayoutEffect, useRef, useState },
  'use-focus-when-open': { useFocusWhenOpen },
  memo: { memo },
  translate: { addEnglish, t, textLocale },
};

export type AppShared = typeof APP_SHARED;
