/**
 * twilio-run takes seconds to start, and the gateway listens before it. A page opened meanwhile
 * (the demo page, refreshed while `npm start` is still starting) should wait rather than fail: each
 * request waits for the runtime up to a bound, then gets 503 with Retry-After (RFC 9110 section
 * 15.6.4: "the server is currently unable to handle the request due to a temporary overload or
 * scheduled maintenance, which will likely be alleviated after some delay").
 */
import { GatewayRefusal } from './gateway-error';

/** How long a request waits for the runtime by default: twilio-run starts in a few seconds. */
export const DEFAULT_HOLD_MS = 30_000;
const RETRY_AFTER_SECONDS = 2;

export class RuntimeReadiness {
  private ready = false;
  private readonly waiters = new Set<() => void>();
  private announced = false;

  constructor(
    private readonly holdMs: number,
    private readonly log: (message: string) => void,
  ) {}

  /** The runtime answers: held requests go on, later ones never wait. */
  markReady(): void {
    this.ready = true;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves once the runtime is ready; throws a 503 refusal when it is not within the hold. */
  async waitForRuntime(): Promise<void> {
    if (this.ready) return;
    if (!this.announced) {
      this.announced = true;
      this.log('gateway: waiting for the Functions runtime to start; requests are held until it answers');
    }
    let wake: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const readyInTime = await Promise.race([
      new Promise<boolean>((resolve) => {
        wake = () => resolve(true);
        this.waiters.add(wake);
      }),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.holdMs);
      }),
    ]);
    clearTimeout(timer);
    this.waiters.delete(wake);
    if (!readyInTime) {
      throw new GatewayRefusal(503, 'RUNTIME_STARTING', 'The local Functions runtime is still starting: try again in a moment.', { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
  }
}
