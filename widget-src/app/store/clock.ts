/** Time for the store's timers, injected so tests can move it by hand. */
export interface Clock {
  now(): number;
  /** Returns a function that cancels the timer. */
  setTimeout(callback: () => void, ms: number): () => void;
}

/** Longest setTimeout delay browsers honour (2^31 - 1 ms). */
const MAX_DELAY_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = setTimeout(callback, Math.min(Math.max(ms, 0), MAX_DELAY_MS));
    return () => clearTimeout(id);
  },
};
