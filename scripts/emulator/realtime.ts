/**
 * The emulator's realtime protocol: what the Conversations SDK's private WebSocket protocol does
 * for the real service, in plain HTTP for the widget's EmulatorTransport and the agent desk.
 * Wire types live in protocol.ts.
 *
 * Auth: the visitor's Access Token (HS256 JWT from twilio-node's AccessToken + ChatGrant; see
 * access-token.ts) as `Authorization: Bearer <token>`; only the event stream also accepts
 * `?token=` because EventSource cannot send headers. The token's identity must be a participant
 * of the conversation (else 403). Errors are Twilio error JSON. Tokens are never logged.
 * CORS: any origin is echoed (the widget page runs on another port); no cookies are involved.
 *
 *   GET  /realtime/conversations/:sid                  → SnapshotView (?pageSize, newest messages)
 *   GET  /realtime/conversations/:sid/events?token=    → text/event-stream of RealtimeEventMap
 *        (`ready` first; message/participant/typing/conversation events, including changes made
 *        over REST; `tokenExpired` then close when the token's `exp` passes; `: ping` every 15 s)
 *   GET  /realtime/conversations/:sid/messages?before=N|after=N&pageSize=M → MessagePageView
 *   POST /realtime/conversations/:sid/messages         {body?, mediaSids?, attributes?} → 201 MessageView
 *   POST /realtime/conversations/:sid/media?filename=F raw bytes + Content-Type → 201 MediaView (≤ 20 MiB)
 *   GET  /realtime/conversations/:sid/media/:ME        → MediaUrlView (signed URL, 5 minutes)
 *   POST /realtime/conversations/:sid/typing           → 204 (others get typingStarted, then typingEnded)
 *   POST /realtime/conversations/:sid/read             {index} → 204 (moves the read horizon)
 *   GET  /realtime/media/:ME?expires=&signature=       → the file (no token: the URL is the secret)
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { verifyAccessToken, type TokenAuthority } from './access-token';
import type { EventHub } from './event-hub';
import { BodyTooLargeError, readBody, sendJson } from './http-io';
import type { MediaUrlSigner } from './media-urls';
import type { MessagePageView, MediaUrlView, SnapshotView } from './protocol';
import type { ConversationRecord, EmulatorStore, ParticipantRecord } from './store';
import { TwilioError, invalidParameter, notFound } from './twilio-errors';
import { conversationView, messageView, participantView } from './views';

export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024;
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;
const MAX_FILENAME_LENGTH = 255;

export interface RealtimeDependencies {
  store: EmulatorStore;
  hub: EventHub;
  signer: MediaUrlSigner;
  authority: TokenAuthority;
  /** The emulator's own URL, for absolute media URLs. */
  publicUrl: () => string;
}

interface Caller {
  identity: string;
  conversation: ConversationRecord;
  participant: ParticipantRecord;
  expiresAt: number;
}

function corsHeaders(request: IncomingMessage): OutgoingHttpHeaders {
  return { 'Access-Control-Allow-Origin': request.headers.origin ?? '*', Vary: 'Origin' };
}

function integerParam(url: URL, name: string, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw invalidParameter(`${name} must be an integer between ${min} and ${max}`);
  return Number(raw);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((await readBody(request, MAX_JSON_BYTES)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TwilioError(413, 20001, error.message);
    throw invalidParameter('Body must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter('Body must be a JSON object');
  return value as Record<string, unknown>;
}

export function createRealtimeHandler(deps: RealtimeDependencies) {
  const { store, hub, signer, authority } = deps;

  async function authenticate(request: IncomingMessage, url: URL, conversationSid: string, allowQueryToken: boolean): Promise<Caller> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? (allowQueryToken ? url.searchParams.get('token') : null);
    if (!token) throw new TwilioError(401, 20101, 'Access token missing');
    const verified = await verifyAccessToken(token, authority);
    const conversation = store.findConversation(conversationSid);
    if (!conversation) throw notFound(url.pathname);
    const participant = store.findParticipant(conversation.sid, verified.identity);
    if (!participant) throw new TwilioError(403, 50430, 'Participant is not a member of the conversation');
    return { identity: verified.identity, conversation, participant, expiresAt: verified.expiresAt };
  }

  function snapshot(caller: Caller, pageSize: number): SnapshotView {
    return {
      identity: caller.identity,
      conversation: conversationView(caller.conversation),
      participants: store.listParticipants(caller.conversation.sid).map((p) => participantView(store, p)),
      latest: messagePage(caller.conversation, undefined, undefined, pageSize),
    };
  }

  function messagePage(conversation: ConversationRecord, before: number | undefined, after: number | undefined, pageSize: number): MessagePageView {
    const all = store.listMessages(conversation.sid);
    if (after !== undefined) {
      const newer = all.filter((m) => m.index > after);
      return { messages: newer.slice(0, pageSize).map((m) => messageView(store, m)), hasMore: newer.length > pageSize };
    }
    const older = before === undefined ? all : all.filter((m) => m.index < before);
    return { messages: older.slice(-pageSize).map((m) => messageView(store, m)), hasMore: older.length > pageSize };
  }

  async function sendMessage(request: IncomingMessage, caller: Caller) {
    const input = await readJson(request);
    const { body, mediaSids, attributes } = input;
    if (body !== undefined && typeof body !== 'string') throw invalidParameter('body must be a string');
    if (mediaSids !== undefined && !(Array.isArray(mediaSids) && mediaSids.every((sid) => typeof sid === 'string'))) {
      throw invalidParameter('mediaSids must be an array of media sids');
    }
    if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))) {
      throw invalidParameter('attributes must be an object');
    }
    // Messages sent by a Conversations SDK client always fire the service's webhooks.
    const message = store.addMessage(caller.conversation, {
      author: caller.identity,
      body,
      mediaSids,
      attributes: attributes === undefined ? undefined : JSON.stringify(attributes),
      webhookEnabled: true,
    });
    return messageView(store, message);
  }

  async function uploadMedia(request: IncomingMessage, url: URL) {
    const filename = url.searchParams.get('filename') ?? '';
    if (filename === '' || filename.length > MAX_FILENAME_LENGTH || /[\u0000-\u001f\u007f]/.test(filename)) {
      throw invalidParameter(`filename must be 1 to ${MAX_FILENAME_LENGTH} printable characters`);
    }
    let data: Buffer;
    try {
      data = await readBody(request, MAX_MEDIA_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new TwilioError(413, 20001, `Media exceeds ${MAX_MEDIA_BYTES} bytes`);
      throw error;
    }
    if (data.length === 0) throw invalidParameter('Media is empty');
    const contentType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim() || 'application/octet-stream';
    const media = store.addMedia({ filename, contentType, data });
    return { sid: media.sid, filename: media.filename, contentType: media.contentType, size: media.size };
  }

  function mediaUrl(caller: Caller, mediaSid: string, path: string): MediaUrlView {
    const attached = store.listMessages(caller.conversation.sid).some((m) => m.mediaSids.includes(mediaSid));
    if (!attached) throw notFound(path);
    const signed = signer.sign(mediaSid, Math.floor(Date.now() / 1000));
    return { url: `${deps.publicUrl()}${signed.path}`, expires: new Date(signed.expires * 1000).toISOString() };
  }

  function downloadMedia(response: ServerResponse, url: URL, mediaSid: string, cors: OutgoingHttpHeaders): void {
    const media = store.findMedia(mediaSid);
    const valid = signer.verify(mediaSid, url.searchParams.get('expires'), url.searchParams.get('signature'), Math.floor(Date.now() / 1000));
    if (!media || !valid) throw new TwilioError(403, 20403, 'Media URL is invalid or expired');
    // Uploaded bytes are untrusted: never let a browser run them as a page of this origin.
    const inline = media.contentType.startsWith('image/') && media.contentType !== 'image/svg+xml';
    response
      .writeHead(200, {
        ...cors,
        'Content-Type': media.contentType,
        'Content-Length': media.size,
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'private, max-age=300',
      })
      .end(media.data);
  }

  async function route(request: IncomingMessage, response: ServerResponse, url: URL, cors: OutgoingHttpHeaders): Promise<void> {
    const method = request.method ?? 'GET';
    const download = /^\/realtime\/media\/([^/]+)$/.exec(url.pathname);
    if (download?.[1] && method === 'GET') return downloadMedia(response, url, download[1], cors);

    const match = /^\/realtime\/conversations\/([^/]+)(?:\/(events|messages|media|typing|read)(?:\/([^/]+))?)?$/.exec(url.pathname);
    const conversationSid = match?.[1];
    if (!match || conversationSid === undefined) throw notFound(url.pathname);
    const [, , action, itemSid] = match;
    const key = `${method} ${action ?? 'snapshot'}${itemSid === undefined ? '' : '/:sid'}`;
    const caller = await authenticate(request, url, conversationSid, key === 'GET events');
    const pageSize = () => integerParam(url, 'pageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;

    switch (key) {
      case 'GET snapshot':
        return sendJson(response, 200, snapshot(caller, pageSize()), cors);
      case 'GET events':
        response.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' });
        return hub.open(response, caller.conversation.sid, caller.identity, caller.expiresAt);
      case 'GET messages': {
        const before = integerParam(url, 'before', 0, Number.MAX_SAFE_INTEGER);
        const after = integerParam(url, 'after', 0, Number.MAX_SAFE_INTEGER);
        return sendJson(response, 200, messagePage(caller.conversation, before, after, pageSize()), cors);
      }
      case 'POST messages':
        return sendJson(response, 201, await sendMessage(request, caller), cors);
      case 'POST media':
        return sendJson(response, 201, await uploadMedia(request, url), cors);
      case 'GET media/:sid':
        return sendJson(response, 200, mediaUrl(caller, itemSid ?? '', url.pathname), cors);
      case 'POST typing':
        if (caller.conversation.state !== 'closed') hub.typing(caller.participant);
        return sendJson(response, 204, undefined, cors);
      case 'POST read': {
        const { index } = await readJson(request);
        if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw invalidParameter('index must be a non-negative integer');
        store.updateParticipant(caller.participant, { lastReadMessageIndex: index });
        return sendJson(response, 204, undefined, cors);
      }
      default:
        throw notFound(url.pathname);
    }
  }

  return async function handleRealtime(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') {
      response
        .writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Max-Age': '600',
        })
        .end();
      return;
    }
    try {
      await route(request, response, url, cors);
    } catch (error) {
      if (!(error instanceof TwilioError)) throw error;
      // A refused upload may still be streaming in: answer, then drop the rest of it.
      if (!request.complete) response.setHeader('Connection', 'close');
      sendJson(response, error.status, error.toBody(), cors);
    }
  };
}

