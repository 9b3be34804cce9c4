/**
 * Names shown above messages. Order: participant or user friendly name, then the
 * Flex-style overrides, then "You" / "Agent". Identities are never shown: for Flex they are
 * opaque ids, and for the visitor they are ours.
 */
import type { AppConfig } from '../settings/app-config';

/** `knownNames` holds friendly names of everyone seen in the conversation, including those who left. */
export function displayName(
  author: string,
  myIdentity: string | null,
  knownNames: Readonly<Record<string, string | null>>,
  options: AppConfig['names'],
): string {
  const mine = author === myIdentity;
  const friendly = knownNames[author]?.trim() || null;
  if (mine) return !options.yourFriendlyNameOverride && friendly !== null ? friendly : options.yourDefaultName;
  return !options.theirFriendlyNameOverride && friendly !== null ? friendly : options.theirDefaultName;
}
