/**
 * Faults for the twilsock side, set through `/__emulator/realtime/faults` (control-api.ts):
 *   {refuseInit?: {status, code, message?, times?}, refuseConnections?, initDelayMs?, frameDelayMs?,
 *    failRequests?: {method?, path, status, code, message?, times?, skip?}, identity?}
 * `refuseConnections` answers the next N WebSocket upgrades 503, as an unreachable service would
 * (the SDK sees a socket error and reports `retrying`); `refuseInit` answers `init` with that status (401/403 deny the client for good, 5xx and others
 * make it retry) `times` times or until cleared; `initDelayMs` holds every init reply back;
 * `frameDelayMs` holds back every frame the emulator sends, in order; `failRequests` answers
 * tunnelled requests (the SDK's API calls, e.g. `POST /Client/v2/Conversations/CH…/Messages`) whose
 * method and path match with that Twilio error, as faults.ts does for REST. Delays are bounded like
 * faults.ts. `identity` narrows `frameDelayMs` to the connections of that identity (the visitor's
 * or the agent's), leaving the others' delay as it is; the other faults act before a connection
 * has an identity (the upgrade, `init`) or per request, so they take none. Dropping sockets and
 * early token expiry are immediate actions, not faults; they take `{identity?}` too (parseTarget).
 */
import { Faults, MAX_FAULT_DELAY_MS, isObject, boundedInteger, parseFault, type FaultRule } from './faults';
import { TwilioError } from '../twilio-errors';
import { MAX_IDENTITY_LENGTH } from '../store/conversation-limits';

const KEYS = new Set(['refuseInit', 'refuseConnections', 'initDelayMs', 'frameDelayMs', 'failRequests', 'identity']);
const REFUSE_KEYS = new Set(['status', 'code', 'message', 'times']);

interface Refusal {
  error: TwilioError;
  remaining: number | undefined;
}

export interface RealtimeFaultSpec {
  refuseInit: Refusal | undefined;
  refuseConnections: number | undefined;
  initDelayMs: number | undefined;
  frameDelayMs: number | undefined;
  failRequests: FaultRule | undefined;
  /** Whose connections `frameDelayMs` is for; every connection's when absent. */
  identity: string | undefined;
}

function unknownKeys(spec: Record<string, unknown>, allowed: Set<string>, what: string): void {
  const unknown = Object.keys(spec).filter((key) => !allowed.has(key));
  if (unknown.length > 0) throw new Error(`unknown ${what} option ${unknown.join(', ')}`);
}

function identityOf(spec: Record<string, unknown>): string | undefined {
  const { identity } = spec;
  if (identity === undefined) return undefined;
  if (typeof identity !== 'string' || identity === '' || identity.length > MAX_IDENTITY_LENGTH) {
    throw new Error(`identity must be a string of 1 to ${MAX_IDENTITY_LENGTH} characters`);
  }
  return identity;
}

/** The body of `/realtime/drop` and `/realtime/expire`: empty for every connection, or `{identity}` for one identity's. */
export function parseTarget(body: string): string | undefined {
  if (body.trim() === '') return undefined;
  const spec: unknown = JSON.parse(body);
  if (!isObject(spec)) throw new Error('the body must be a JSON object');
  unknownKeys(spec, new Set(['identity']), 'target');
  return identityOf(spec);
}

/** Validates a posted spec; throws an Error with a readable message. */
export function parseRealtimeFault(spec: unknown): RealtimeFaultSpec {
  if (!isObject(spec)) throw new Error('realtime fault must be a JSON object');
  unknownKeys(spec, KEYS, 'realtime fault');
  let refuseInit: Refusal | undefined;
  if (spec.refuseInit !== undefined) {
    const refuse = spec.refuseInit;
    if (!isObject(refuse)) throw new Error('refuseInit must be an object');
    unknownKeys(refuse, REFUSE_KEYS, 'refuseInit');
    const status = boundedInteger(refuse, 'status', 400, 599);
    const code = boundedInteger(refuse, 'code', 1, 99_999);
    if (status === undefined || code === undefined) throw new Error('refuseInit needs status and code');
    if (refuse.message !== undefined && typeof refuse.message !== 'string') throw new Error('message must be a string');
    refuseInit = {
      error: new TwilioError(status, code, typeof refuse.message === 'string' ? refuse.message : 'Injected fault'),
      remaining: boundedInteger(refuse, 'times', 1, Number.MAX_SAFE_INTEGER),
    };
  }
  const refuseConnections = boundedInteger(spec, 'refuseConnections', 1, 1000);
  const initDelayMs = boundedInteger(spec, 'initDelayMs', 0, MAX_FAULT_DELAY_MS);
  const frameDelayMs = boundedInteger(spec, 'frameDelayMs', 0, MAX_FAULT_DELAY_MS);
  const failRequests = spec.failRequests === undefined ? undefined : parseFault(spec.failRequests);
  const identity = identityOf(spec);
  if (identity !== undefined && (frameDelayMs === undefined || Object.keys(spec).length > 2)) {
    throw new Error('identity narrows frameDelayMs only: the other faults act before a connection has an identity, or on every request');
  }
  if (failRequests !== undefined && (failRequests.error === undefined || failRequests.delayMs > 0)) {
    throw new Error('failRequests needs status and code, and takes no delayMs (use frameDelayMs)');
  }
  if (refuseInit === undefined && refuseConnections === undefined && initDelayMs === undefined && frameDelayMs === undefined && failRequests === undefined) {
    throw new Error('a realtime fault needs refuseInit, refuseConnections, initDelayMs, frameDelayMs or failRequests');
  }
  return { refuseInit, refuseConnections, initDelayMs, frameDelayMs, failRequests, identity };
}

export class RealtimeFaults {
  private refusal: Refusal | undefined;
  private connectionsToRefuse = 0;
  initDelayMs = 0;
  private frameDelayMs = 0;
  private readonly frameDelays = new Map<string, number>();
  private readonly requests = new Faults();

  /** Later specs replace the parts they name. */
  apply(spec: RealtimeFaultSpec): void {
    if (spec.refuseInit) this.refusal = spec.refuseInit;
    if (spec.refuseConnections !== undefined) this.connectionsToRefuse = spec.refuseConnections;
    if (spec.initDelayMs !== undefined) this.initDelayMs = spec.initDelayMs;
    if (spec.frameDelayMs !== undefined && spec.identity !== undefined) this.frameDelays.set(spec.identity, spec.frameDelayMs);
    else if (spec.frameDelayMs !== undefined) this.frameDelayMs = spec.frameDelayMs;
    if (spec.failRequests) this.requests.add(spec.failRequests);
  }

  clear(): void {
    this.refusal = undefined;
    this.connectionsToRefuse = 0;
    this.initDelayMs = 0;
    this.frameDelayMs = 0;
    this.frameDelays.clear();
    this.requests.clear();
  }

  /** How long frames to a connection of `identity` are held back (undefined: not initialised yet). */
  frameDelayFor(identity: string | undefined): number {
    return (identity === undefined ? undefined : this.frameDelays.get(identity)) ?? this.frameDelayMs;
  }

  /** The error to answer this tunnelled request with, counted as used; undefined to answer it normally. */
  takeRequestFailure(method: string, path: string): TwilioError | undefined {
    return this.requests.take(method.toUpperCase(), path)?.error;
  }

  /** Whether to refuse this WebSocket upgrade, counted as used. */
  takeConnectionRefusal(): boolean {
    if (this.connectionsToRefuse === 0) return false;
    this.connectionsToRefuse -= 1;
    return true;
  }

  /** The error to refuse this init with, counted as used. */
  takeInitRefusal(): TwilioError | undefined {
    const refusal = this.refusal;
    if (!refusal) return undefined;
    if (refusal.remaining !== undefined) {
      refusal.remaining -= 1;
      if (refusal.remaining === 0) this.refusal = undefined;
    }
    return refusal.error;
  }
}
