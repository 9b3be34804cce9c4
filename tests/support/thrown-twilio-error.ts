import { TwilioError } from '../../scripts/emulator/twilio-errors';

/** The TwilioError `fn` throws; fails the test when it throws nothing or something else. */
export function thrownTwilioError(fn: () => unknown): TwilioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TwilioError) return error;
    throw error;
  }
  throw new Error('expected a TwilioError');
}
