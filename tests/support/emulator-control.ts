/** The emulator's test controls (`/__emulator/...`), typed for tests. */
import type { CapturedEmail } from '../../scripts/emulator/store/outbox';

export interface LoggedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  webhookEnabled: boolean;
  status: number;
}

export interface EmulatedMessage {
  sid: string;
  author: string;
  body: string | null;
  webhookEnabled: boolean;
}

export interface EmulatedConversation {
  sid: string;
  state: string;
  attributes: Record<string, unknown>;
  participants: { sid: string; identity: string | null }[];
  messages: EmulatedMessage[];
}

export interface FaultSpec {
  method?: string;
  /** A regular expression matched against the path. */
  path: string;
  status?: number;
  code?: number;
  message?: string;
  delayMs?: number;
  /** How many matching calls fail; all when absent. */
  times?: number;
  /** How many matching calls pass before the fault applies. */
  skip?: number;
}

/** Faults of the twilsock side (scripts/emulator/controls/realtime-faults.ts). */
export interface RealtimeFaultSpec {
  refuseInit?: { status: number; code: number; message?: string; times?: number };
  refuseConnections?: number;
  initDelayMs?: number;
  frameDelayMs?: number;
  /** Fails tunnelled requests (the SDK's API calls) like a REST fault; needs status and code. */
  failRequests?: FaultSpec;
  /** Narrows `frameDelayMs` to the connections of this identity. */
  identity?: string;
}

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  reset(): Promise<unknown> {
    return this.call('POST', 'reset');
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.call<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
  }

  /** Requests that reached Twilio's REST API (not the test controls). */
  async twilioCalls(): Promise<LoggedRequest[]> {
    return (await this.requests()).filter((request) => !request.path.startsWith('/__'));
  }

  conversation(sid: string): Promise<EmulatedConversation> {
    return this.call('GET', `conversations/${sid}`);
  }

  /** Emails SendGrid's stand-in accepted, oldest first. */
  async outbox(): Promise<CapturedEmail[]> {
    return (await this.call<{ emails: CapturedEmail[] }>('GET', 'outbox')).emails;
  }

  fault(spec: FaultSpec): Promise<unknown> {
    return this.call('POST', 'faults', spec);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', 'faults');
  }

  /** Cuts every SDK socket, or those of `identity`, as a network failure would. */
  dropSockets(identity?: string): Promise<{ dropped: number }> {
    return this.call('POST', 'realtime/drop', identity === undefined ? undefined : { identity });
  }

  /** Ends every SDK connection, or those of `identity`, with 410 token expired. */
  expireTokens(identity?: string): Promise<{ expired: number }> {
    return this.call('POST', 'realtime/expire', identity === undefined ? undefined : { identity });
  }

  realtimeFault(spec: RealtimeFaultSpec): Promise<unknown> {
    return this.call('POST', 'realtime/faults', spec);
  }

  clearRealtimeFaults(): Promise<unknown> {
    return this.call('DELETE', 'realtime/faults');
  }
}
