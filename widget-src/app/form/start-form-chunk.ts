/**
 * Entry of the `start-form` chunk: what only the form needs to start a chat, its rules
 * (validate-form.ts), the start challenge's proof of work (api/solve-challenge.ts) and what a
 * failed start tells the visitor (store/visitor-texts.ts). Fetched
 * beside the challenge when the form shows (load-start-form.ts), so a visitor who resumes a chat
 * never downloads it. See common/chunks.ts; `t` is the app's own (app/app-shared.ts).
 */
import { solveChallenge } from '../../api/solve-challenge';
import { defineChunk } from '../../common/chunks';
import { startErrorMessage } from '../store/visitor-texts';
import { formData, validateForm } from './validate-form';

const startForm = { solveChallenge, validateForm, formData, startErrorMessage };

export type StartForm = typeof startForm;

defineChunk('start-form', startForm);
