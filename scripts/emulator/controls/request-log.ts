/** The Twilio API calls the emulator received, for tests to assert on. Never holds credentials. */

export interface LoggedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  webhookEnabled: boolean;
  status: number;
}

/** Enough for any test; bounded so a long `npm start` session does not grow without end. */
const MAX_ENTRIES = 2000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
