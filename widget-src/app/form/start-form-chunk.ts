/**
 * Entry of the `start-form` chunk: what only the form needs, the form itself with its captcha and
 * styles, its rules (validate-form.ts), the calls that start a chat with the challenge's proof of
 * work (api/start-calls.ts) and what a failed start tells the visitor (store/visitor-texts.ts). Fetched as the app mounts
 * without a saved chat (load-start-form.ts), beside the deployment's settings, so a visitor who
 * resumes a chat never downloads it. See common/chunks.ts; Preact, the focus hook and `t` are the
 * app's own (app/app-shared.ts).
 */
import { startCalls } from '../../api/start-calls';
import { defineChunk } from '../../common/chunks';
import formCss from '../components/pre-engagement-form/pre-engagement-form.css';
import { PreEngagementForm } from '../components/pre-engagement-form/pre-engagement-form';
import { startErrorMessage } from '../store/visitor-texts';
import { formData, validateForm } from './validate-form';

const rules = { validateForm, formData, startErrorMessage };

/** The rules and texts the store needs to start a chat. */
export type StartForm = typeof rules;

const startForm = { ...rules, startCalls, View: PreEngagementForm, css: formCss };

/** What the chunk defines: the rules, the start calls, and the form as a view (view-loader.ts). */
export type StartFormChunk = typeof startForm;

defineChunk('start-form', startForm);
