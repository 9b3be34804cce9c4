/**
 * The users of the one Conversations service the emulator plays (Twilio's User resource): made by
 * REST, by Flex's web chat for its customer, or when a token's identity first connects. Part of
 * the conversations store (conversations-store.ts), which shares its ordering and its events.
 */
import { checkAttributes } from './conversation-limits';
import type { StoreEvent, UserInput, UserRecord } from './conversation-records';
import { newSid } from './sids';
import { ConversationsErrorCode, TwilioError } from '../twilio-errors';

export class UsersStore {
  private users = new Map<string, UserRecord>();

  constructor(
    private readonly now: () => Date,
    private readonly nextSeq: () => number,
    private readonly emit: (event: StoreEvent) => void,
  ) {}

  reset(): void {
    this.users.clear();
  }

  create(input: UserInput): UserRecord {
    if (this.find(input.identity)) {
      throw new TwilioError(409, ConversationsErrorCode.userAlreadyExists, `User ${input.identity} already exists`);
    }
    const now = this.now();
    const user: UserRecord = {
      sid: newSid('US'),
      identity: input.identity,
      friendlyName: input.friendlyName ?? null,
      attributes: checkAttributes('user', input.attributes ?? '{}'),
      dateCreated: now,
      dateUpdated: now,
      seq: this.nextSeq(),
    };
    this.users.set(user.sid, user);
    return user;
  }

  /** Twilio accepts a user's sid or its identity in the URL. */
  find(sidOrIdentity: string): UserRecord | undefined {
    return this.users.get(sidOrIdentity) ?? [...this.users.values()].find((u) => u.identity === sidOrIdentity);
  }

  list(): UserRecord[] {
    return [...this.users.values()];
  }

  update(user: UserRecord, input: Omit<UserInput, 'identity'>): UserRecord {
    if (input.attributes !== undefined) {
      user.attributes = checkAttributes('user', input.attributes);
    }
    if (input.friendlyName !== undefined) user.friendlyName = input.friendlyName;
    user.dateUpdated = this.now();
    this.emit({ type: 'userUpdated', user });
    return user;
  }

  delete(user: UserRecord): void {
    this.users.delete(user.sid);
  }
}
