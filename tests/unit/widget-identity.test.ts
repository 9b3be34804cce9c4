/** The widget's source of the site's identity token (widget-src/api/identity.ts) and where the API client sends it. */
import { describe, expect, test } from '@jest/globals';
import { createApi } from '../../widget-src/api/client';
import { identitySource } from '../../widget-src/api/identity';

/** An unsigned JWT-shaped token expiring `seconds` from now: the widget only reads `exp`, the Functions check the rest. */
function tokenFor(name: string, seconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub: name, exp: Math.floor(Date.now() / 1000) + seconds })}.sig`;
}

describe('identity token source', () => {
  test('an anonymous visitor has none', async () => {
    expect(await identitySource({}).token()).toBeUndefined();
  });

  test('asks the page again only when the token it gave has less than a minute left', async () => {
    const given = [tokenFor('a', 300), tokenFor('b', 30), tokenFor('c', 300)];
    let asked = 0;
    const source = identitySource({ getIdentityToken: () => given[asked++] });
    expect(await source.token()).toBe(given[0]);
    expect(await source.token()).toBe(given[0]);
    expect(asked).toBe(1);
    source.forget();
    const again = identitySource({ getIdentityToken: async () => given[asked++] });
    expect(await again.token()).toBe(given[1]);
    expect(await again.token()).toBe(given[2]);
  });

  test('a page that cannot say leaves the visitor anonymous; a sign-out forgets the token for good', async () => {
    expect(await identitySource({ getIdentityToken: () => Promise.reject(new Error('signed out')) }).token()).toBeUndefined();
    const source = identitySource({ identityToken: tokenFor('a', 300) });
    source.forget();
    expect(await source.token()).toBeUndefined();
  });

  test('leaves an expired token out of a renewal, but not out of a start (where the Functions say it expired)', async () => {
    const stale = tokenFor('a', -5);
    const source = identitySource({ identityToken: stale });
    expect(await source.token(true)).toBeUndefined();
    expect(await source.token()).toBe(stale);
  });
});

describe('API client for a signed-in visitor', () => {
  test('sends the token to refreshToken and asks visitorChats for their open chat', async () => {
    const token = tokenFor('a', 300);
    const sent: Array<{ url: string; body: Record<string, unknown> }> = [];
    const open = { token: 't', conversationSid: `CH${'a'.repeat(32)}`, identity: 'i', expiration: new Date().toISOString(), transport: {} };
    const fetchImpl = (async (url: string, init: RequestInit) => {
      sent.push({ url, body: JSON.parse(init.body as string) as Record<string, unknown> });
      const answer = url.endsWith('/visitorChats') ? { open, chats: [], nextPage: null } : { token: 'new', expiration: open.expiration };
      return new Response(JSON.stringify(answer), { status: 200 });
    }) as typeof fetch;
    const api = createApi('https://chat.example', () => Promise.reject(new Error('no form here')), fetchImpl, identitySource({ identityToken: token }));
    expect(await api.signedInChat()).toStrictEqual(open);
    await api.refreshToken('t', open.conversationSid);
    expect(sent).toStrictEqual([
      { url: 'https://chat.example/visitorChats', body: { identityToken: token } },
      { url: 'https://chat.example/refreshToken', body: { token: 't', conversationSid: open.conversationSid, identityToken: token } },
    ]);
    expect(await createApi('https://chat.example', () => Promise.reject(new Error('unused')), fetchImpl).signedInChat()).toBeUndefined();
  });
});
