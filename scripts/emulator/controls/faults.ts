/**
 * Fault injection for tests: make Twilio API calls matching a method + path regex fail with a
 * Twilio-style error, or answer late, optionally after letting `skip` matching calls through,
 * `times` times (or until cleared).
 */
import { TwilioError } from '../twilio-errors';

export interface FaultRule {
  method: string | undefined;
  path: RegExp;
  /** Absent: only delay, then answer normally. */
  error: TwilioError | undefined;
  delayMs: number;
  /** Matching calls still to let through before the fault applies. */
  skip: number;
  /** Remaining matches; undefined = unlimited. */
  remaining: number | undefined;
}

const FAULT_KEYS = new Set(['method', 'path', 'status', 'code', 'message', 'delayMs', 'times', 'skip']);

/** Longest delay a fault may add, so a typo cannot hang a test run. */
export const MAX_FAULT_DELAY_MS = 60_000;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function boundedInteger(spec: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = spec[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** Validates a fault as posted to `/__emulator/faults`; throws an Error with a readable message. */
export function parseFault(spec: unknown): FaultRule {
  if (!isObject(spec)) throw new Error('fault must be a JSON object');
  // A misspelt option silently ignored would make a test pass or fail for the wrong reason.
  const unknown = Object.keys(spec).filter((key) => !FAULT_KEYS.has(key));
  if (unknown.length > 0) throw new Error(`unknown fault option ${unknown.join(', ')}`);
  const { method, path, message } = spec;
  if (typeof path !== 'string' || path === '') throw new Error('path must be a regular expression string');
  let pattern: RegExp;
  try {
    pattern = new RegExp(path);
  } catch {
    throw new Error('path is not a valid regular expression');
  }
  if (method !== undefined && typeof method !== 'string') throw new Error('method must be a string');
  if (message !== undefined && typeof message !== 'string') throw new Error('message must be a string');
  const status = boundedInteger(spec, 'status', 400, 599);
  const code = boundedInteger(spec, 'code', 1, 99_999);
  const delayMs = boundedInteger(spec, 'delayMs', 0, MAX_FAULT_DELAY_MS) ?? 0;
  const times = boundedInteger(spec, 'times', 1, Number.MAX_SAFE_INTEGER);
  const skip = boundedInteger(spec, 'skip', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  if (status === undefined && delayMs === 0) throw new Error('a fault needs a status or a delayMs');
  if (status !== undefined && code === undefined) throw new Error('code is required with status');
  return {
    method: method?.toUpperCase(),
    path: pattern,
    error: status === undefined || code === undefined ? undefined : new TwilioError(status, code, message ?? 'Injected fault'),
    delayMs,
    skip,
    remaining: times,
  };
}

export class Faults {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching this call, counted as used; undefined while the rule still skips calls. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => (r.method === undefined || r.method === method) && r.path.test(path));
    if (rule !== undefined && rule.skip > 0) {
      rule.skip -= 1;
      return undefined;
    }
    if (rule?.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule;
  }
}
