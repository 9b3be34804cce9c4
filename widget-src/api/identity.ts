/**
 * The site's identity token for its signed-in visitor (config `identityToken`, or the page's
 * `getIdentityToken()`, asked again when the token it gave has less than a minute left). Sent with
 * each call that starts, finds or renews a chat; the Functions check it (functions/lib/visitor-identity.ts).
 */
import type { WebchatConfig } from '../common/config';

/**
 * Answers the current token, or undefined for an anonymous visitor; `forget` drops it for good (sign-out).
 * `renewing`: for a chat the visitor is in already, whose own token proves it is theirs, an
 * expired identity token (a page's `identityToken` more than 10 minutes old) is left out, not refused.
 */
export interface IdentitySource {
  token(renewing?: boolean): Promise<string | undefined>;
  forget(): void;
}

/** A token this close to its expiry is asked for again: it could lapse on its way. */
const MARGIN_SECONDS = 60;

function expiresAt(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    return (JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }).exp ?? 0;
  } catch {
    // Not ours to judge: the Functions say what is wrong with it.
    return Infinity;
  }
}

export function identitySource({ identityToken, getIdentityToken }: WebchatConfig): IdentitySource {
  let current = identityToken;
  let gone = false;
  return {
    async token(renewing) {
      const left = () => (current === undefined ? 0 : expiresAt(current) - Date.now() / 1000);
      if (gone) return undefined;
      if (getIdentityToken !== undefined && left() < MARGIN_SECONDS) {
        // A page that cannot say (signed out, its backend down) leaves the visitor anonymous.
        current = (await Promise.resolve().then(getIdentityToken).catch(() => undefined)) || undefined;
      }
      return renewing && left() <= 0 ? undefined : current;
    },
    forget() {
      gone = true;
      current = undefined;
    },
  };
}
