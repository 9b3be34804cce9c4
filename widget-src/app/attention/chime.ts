/**
 * A short, soft two-tone chime made with WebAudio, so no audio file is fetched
 * (https://webaudio.github.io/web-audio-api/#OscillatorNode).
 */
const TONES: ReadonlyArray<[frequency: number, start: number]> = [
  [880, 0],
  [660, 0.16],
];
const TONE_SECONDS = 0.3;
const VOLUME = 0.08;

export interface Chime {
  play(): void;
  /** Frees the audio device. */
  close(): void;
}

/** One AudioContext for all chimes, made on the first one: browsers cap how many a page may hold. */
export function createChime(): Chime {
  let context: AudioContext | null = null;
  return {
    play() {
      try {
        context ??= new AudioContext();
      } catch (error) {
        // No WebAudio here, or the browser refused a context: the title still tells the visitor.
        console.warn(error);
        return;
      }
      const now = context.currentTime;
      for (const [frequency, start] of TONES) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = frequency;
        // A quick fade in and a long fade out: no click at either end.
        gain.gain.setValueAtTime(0, now + start);
        gain.gain.linearRampToValueAtTime(VOLUME, now + start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + start + TONE_SECONDS);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(now + start);
        oscillator.stop(now + start + TONE_SECONDS);
      }
      // Autoplay rules keep a context suspended until the visitor has interacted with the page
      // (https://developer.chrome.com/blog/autoplay): then the chime is silent, which is the browser's call.
      context.resume().catch(() => undefined);
    },
    close() {
      // Closing a context twice or one the browser already closed rejects; nothing is left to free then.
      context?.close().catch(() => undefined);
      context = null;
    },
  };
}
