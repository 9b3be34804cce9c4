import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, SignJWT } from 'jose';
import { handler as initWebchat } from '../../functions/initWebchat';
import { handler as refreshToken } from '../../functions/refreshToken';
import { startTestBackend, type TestBackend } from '../support/backend';
import { ALLOWED_ORIGIN } from '../support/fixtures';
import { invoke } from '../support/function-runtime';
import { solvedChallenge } from '../support/challenge';
import { mintToken } from '../../functions/lib/tokens';
import { readConfig } from '../../functions/lib/config';
import { sealVisitor } from '../../functions/lib/visitor-seal';

const fromShop = { origin: ALLOWED_ORIGIN, 'content-type': 'application/json' };

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

describe('refreshToken (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  let chat: Chat;
  beforeAll(async () => {
    backend = await startTestBackend();
    chat = await startChat();
  });
  afterAll(() => backend.stop());

  async function startChat(): Promise<Chat> {
    const challenge = await solvedChallenge(backend.context, fromShop);
    const answer = await invoke(initWebchat, backend.context, { formData: { friendlyName: 'Ada', query: 'Hi' }, ...challenge }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  const refresh = (body: Record<string, unknown>, headers: Record<string, string> = fromShop) => invoke(refreshToken, backend.context, body, headers);

  /** A token signed with `secret` carrying our claims, for expired or foreign cases. */
  function signed(identity: string, expiresAt: number, secret = backend.env.API_SECRET as string): Promise<string> {
    return new SignJWT({ grants: { identity, chat: { service_sid: backend.env.CONVERSATIONS_SERVICE_SID } } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
      .setIssuer(backend.env.API_KEY as string)
      .setSubject(backend.env.ACCOUNT_SID as string)
      .setIssuedAt(expiresAt - 3600)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
  }

  function errorCode(body: Record<string, unknown>): string {
    return (body.error as { code: string }).code;
  }

  it('renews the token of a visitor still in an open conversation, for the same identity', async () => {
    const answer = await refresh({ token: chat.token, conversationSid: chat.conversationSid });
    expect(answer.status).toBe(200);
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(ALLOWED_ORIGIN);
    const { token, expiration } = answer.body as { token: string; expiration: string };
    const claims = decodeJwt(token) as { grants: { identity: string } };
    expect(claims.grants.identity).toBe(chat.identity);
    expect(Date.parse(expiration)).toBe((decodeJwt(token).exp ?? 0) * 1000);
  });

  it('renews a token that expired within the grace window', async () => {
    const recentlyExpired = await signed(chat.identity, Math.floor(Date.now() / 1000) - 60);
    expect((await refresh({ token: recentlyExpired, conversationSid: chat.conversationSid })).status).toBe(200);
  });

  it('refuses a token that expired before the grace window with 401 TOKEN_EXPIRED', async () => {
    const stale = await signed(chat.identity, Math.floor(Date.now() / 1000) - 601);
    const answer = await refresh({ token: stale, conversationSid: chat.conversationSid });
    expect(answer.status).toBe(401);
    expect(errorCode(answer.body)).toBe('TOKEN_EXPIRED');
  });

  it('refuses forged, foreign and malformed tokens with 401 TOKEN_INVALID', async () => {
    const later = Math.floor(Date.now() / 1000) + 600;
    const [header, payload] = chat.token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(chat.token), grants: { identity: 'someone-else' } })).toString('base64url')}.${chat.token.split('.')[2]}`;
    for (const token of [await signed(chat.identity, later, 'another account secret'), tampered, `${header}.${payload}.`, 'garbage']) {
      const answer = await refresh({ token, conversationSid: chat.conversationSid });
      expect(answer.status).toBe(401);
      expect(errorCode(answer.body)).toBe('TOKEN_INVALID');
    }
  });

  it('refuses a token for another conversation with 404 CONVERSATION_NOT_FOUND', async () => {
    const other = await startChat();
    const answer = await refresh({ token: chat.token, conversationSid: other.conversationSid });
    expect(answer.status).toBe(404);
    expect(errorCode(answer.body)).toBe('CONVERSATION_NOT_FOUND');
  });

  it('refuses a conversation that does not exist with 404', async () => {
    const answer = await refresh({ token: chat.token, conversationSid: `CH${'0'.repeat(32)}` });
    expect(answer.status).toBe(404);
    expect(errorCode(answer.body)).toBe('CONVERSATION_NOT_FOUND');
  });

  it('refuses to renew once the agent closed the conversation, with 409', async () => {
    const ended = await startChat();
    await backend.twilio.conversations.v1.conversations(ended.conversationSid).update({ state: 'closed' });
    const answer = await refresh({ token: ended.token, conversationSid: ended.conversationSid });
    expect(answer.status).toBe(409);
    expect(errorCode(answer.body)).toBe('CONVERSATION_CLOSED');
  });

  it('refuses a visitor removed from the conversation', async () => {
    const removed = await startChat();
    const conversation = backend.twilio.conversations.v1.conversations(removed.conversationSid);
    // Listed instances of twilio-node 6 lack their own SID for remove(): address each one by SID.
    for (const { sid } of await conversation.participants.list()) await conversation.participants(sid).remove();
    const answer = await refresh({ token: removed.token, conversationSid: removed.conversationSid });
    expect(errorCode(answer.body)).toBe('CONVERSATION_NOT_FOUND');
  });

  for (const [what, body, field] of [
    ['a missing token', { conversationSid: `CH${'0'.repeat(32)}` }, 'token'],
    ['a token that is not text', { token: 42, conversationSid: `CH${'0'.repeat(32)}` }, 'token'],
    ['an oversized token', { token: 'x'.repeat(5000), conversationSid: `CH${'0'.repeat(32)}` }, 'token'],
    ['a conversation SID of the wrong shape', { token: 'x', conversationSid: 'IS123' }, 'conversationSid'],
  ] as const) {
    it(`refuses ${what} with 400 naming ${field}`, async () => {
      const answer = await refresh(body);
      expect(answer.status).toBe(400);
      expect((answer.body.error as { field: string }).field).toBe(field);
    });
  }

  it('refuses a page that is not allowed with 403, which that page can read', async () => {
    const answer = await refresh({ token: chat.token, conversationSid: chat.conversationSid }, { ...fromShop, origin: 'https://evil.example.com' });
    expect(answer.status).toBe(403);
    expect(answer.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  describe('ends sessions', () => {
    const DAY = 86_400_000;
    /** A chat that began `ageMs` ago, with a valid token for its visitor, made through Twilio's REST API as a start would. */
    async function chatBegun(ageMs: number): Promise<Chat> {
      const service = backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '');
      const conversation = await service.conversations.create({ dateCreated: new Date(Date.now() - ageMs) });
      const identity = `visitor-${ageMs}`;
      await service.conversations(conversation.sid).participants.create({ identity });
      // As initWebchat leaves the visitor's participant.
      await sealVisitor(backend.twilio, readConfig(backend.env), conversation.sid, identity);
      return { conversationSid: conversation.sid, identity, token: mintToken(readConfig(backend.env), identity).token };
    }

    it('refuses to renew a chat begun 30 days ago, even with a validly signed token', async () => {
      const old = await chatBegun(30 * DAY);
      const answer = await refresh({ token: old.token, conversationSid: old.conversationSid });
      expect(answer.status).toBe(403);
      expect(errorCode(answer.body)).toBe('SESSION_EXPIRED');
    });

    it('renews a chat within SESSION_MAX_AGE_SECONDS (default one day), and refuses it just past', async () => {
      const fresh = await chatBegun(DAY - 60_000);
      expect((await refresh({ token: fresh.token, conversationSid: fresh.conversationSid })).status).toBe(200);
      const stale = await chatBegun(DAY + 60_000);
      expect(errorCode((await refresh({ token: stale.token, conversationSid: stale.conversationSid })).body)).toBe('SESSION_EXPIRED');
    });

    it('renews an inactive conversation within the maximum age: the visitor writing makes it active again', async () => {
      const quiet = await chatBegun(60_000);
      await backend.twilio.conversations.v1.conversations(quiet.conversationSid).update({ state: 'inactive' });
      expect((await refresh({ token: quiet.token, conversationSid: quiet.conversationSid })).status).toBe(200);
    });
  });

  it('accepts POST only: a request without a body is answered 405 with Allow: POST', async () => {
    const answer = await refresh({ token: chat.token, conversationSid: chat.conversationSid }, { origin: ALLOWED_ORIGIN });
    expect(answer.status).toBe(405);
    expect(answer.headers.Allow).toBe('POST');
  });
});
