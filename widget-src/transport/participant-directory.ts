/**
 * The participants the transport has seen and their display names: a name in the participant's
 * attributes first (`friendly_name`, as Twilio names the field, or `friendlyName`), set by whoever
 * added the participant (a Flex plugin, Studio), then their User's friendly name, which is how Flex
 * names an agent: it creates a Conversations User for each worker, named with the worker's
 * `public_identity` when set, else `full_name` (https://support.twilio.com/hc/en-us/articles/48675455839259,
 * https://www.twilio.com/docs/flex/admin-guide/setup/conversations/conversations-roles), and
 * Twilio's own Webchat React App shows that name. Users are looked up on every join and update and
 * kept current through the SDK's `userUpdated`, so a rename is never missed.
 */
import type { ChatParticipant } from './chat-transport';
import { record } from './sdk-mapping';
import type { SdkParticipant } from './sdk-types';

/** The non-blank name the participant's attributes carry, or null. */
function attributeName(participant: SdkParticipant): string | null {
  const attributes = record(participant.attributes);
  const name = [attributes.friendly_name, attributes.friendlyName].find((value) => typeof value === 'string' && value.trim() !== '');
  return typeof name === 'string' ? name : null;
}

export class ParticipantDirectory {
  private readonly participants = new Map<string, SdkParticipant>();
  private readonly userNames = new Map<string, string | null>();
  /** The name last announced for each participant, so a user update that changes nothing announces nothing. */
  private readonly announcedNames = new Map<string, string | null>();

  /** Remembers the participant and resolves its name. */
  async describe(participant: SdkParticipant): Promise<ChatParticipant> {
    this.participants.set(participant.sid, participant);
    const identity = participant.identity;
    if (identity !== null && attributeName(participant) === null) {
      try {
        this.userNames.set(identity, (await participant.getUser()).friendlyName);
      } catch {
        // Non-chat participants (SMS, WhatsApp) have no user; they are shown with the default name.
      }
    }
    return this.announce(this.toParticipant(participant));
  }

  forget(participant: SdkParticipant): void {
    this.participants.delete(participant.sid);
    this.announcedNames.delete(participant.sid);
  }

  /**
   * The participant as renamed by its user's update, or null when its name is the one already
   * announced: the SDK reports a user's name as updated when it first loads it, often while the
   * participant's join is being announced with that same name.
   */
  renamed(participant: SdkParticipant): ChatParticipant | null {
    const view = this.toParticipant(participant);
    return this.announcedNames.get(participant.sid) === view.friendlyName ? null : this.announce(view);
  }

  private announce(view: ChatParticipant): ChatParticipant {
    this.announcedNames.set(view.sid, view.friendlyName);
    return view;
  }

  /** Records a user's new name; answers the participants it renames. */
  rename(identity: string, friendlyName: string | null): SdkParticipant[] {
    this.userNames.set(identity, friendlyName);
    return [...this.participants.values()].filter((participant) => participant.identity === identity);
  }

  toParticipant(participant: SdkParticipant): ChatParticipant {
    const named = attributeName(participant);
    return {
      sid: participant.sid,
      identity: participant.identity ?? '',
      friendlyName: named ?? (participant.identity === null ? null : (this.userNames.get(participant.identity) ?? null)),
      attributes: record(participant.attributes),
      lastReadMessageIndex: participant.lastReadMessageIndex,
    };
  }
}
