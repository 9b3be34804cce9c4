/**
 * Short-lived signed media URLs, like the temporary URLs Twilio's Media Content Service hands out:
 * anyone holding the URL may download until it expires, nobody can forge one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MEDIA_URL_TTL_SECONDS = 300;

export class MediaUrlSigner {
  /** Per emulator run: URLs die with the process, as the media do. */
  private readonly key = randomBytes(32);

  private signature(mediaSid: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${mediaSid}:${expires}`).digest('base64url');
  }

  /** `expires=…&signature=…` for a download URL valid for MEDIA_URL_TTL_SECONDS, wherever it is served. */
  signQuery(mediaSid: string, nowSeconds: number): string {
    const expires = nowSeconds + MEDIA_URL_TTL_SECONDS;
    return `expires=${expires}&signature=${this.signature(mediaSid, expires)}`;
  }

  verify(mediaSid: string, expiresParam: string | null, signatureParam: string | null, nowSeconds: number): boolean {
    const expires = Number(expiresParam);
    if (!Number.isInteger(expires) || expires < nowSeconds || signatureParam === null) return false;
    const expected = Buffer.from(this.signature(mediaSid, expires));
    const given = Buffer.from(signatureParam);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
