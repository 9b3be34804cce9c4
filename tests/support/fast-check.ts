/**
 * Property tests try 1,000 generated cases each unless told otherwise. A failure prints its seed
 * and path; replay it with `FC_SEED=<seed> npx jest <file>`. (Imports fast-check itself: this runs
 * before Jest's globals exist, which @fast-check/jest needs.)
 */
import { configureGlobal } from 'fast-check';

const seed = process.env.FC_SEED;
configureGlobal({ numRuns: 1000, ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}) });
