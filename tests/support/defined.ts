import { expect } from '@jest/globals';

/** Expects `value` to be present and returns it with the type narrowed, so a test can go on using it. */
export function defined<T>(value: T | null | undefined): T {
  expect(value).toBeTruthy();
  return value as T;
}
