/**
 * The Media Content Service as the SDK's mcs-client calls it, over plain HTTP with the Access Token
 * in `X-Twilio-Token` (@twilio/mcs-client services/network.js, media.js, client.js):
 *   POST <media_service>?Category=media&Filename=F   raw bytes + Content-Type → 201 media record
 *   GET  <media_service>/ME…                         → media record, `links.content_direct_temporary`
 *   POST <media_service>Set {command:'get', list:[{media_sid}]} → [{code, media_record}]
 *   GET  <media_service>/ME…/Content?expires=&signature= → the bytes (signed URL, no token)
 * `<media_service>` is `/v1/Services/{IS}/Media` on this emulator. Browsers call it from the widget's
 * page, so preflights are answered and any origin may read the answers (no cookies are involved).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { FLEX_WEB_FILES } from '../../../contract/limits';
import { verifyAccessToken, type TokenAuthority } from './access-token';
import { BodyTooLargeError, readBody, sendJson } from '../http-io';
import type { MediaUrlSigner } from './media-urls';
import type { ConversationsStore } from '../store/conversations-store';
import type { MediaRecord } from '../store/media-store';
import { TwilioError, invalidParameter, notFound } from '../twilio-errors';
import { mediaServicePath } from './client-api';

/** A file Flex's web chat takes (contract/limits.ts); past it an upload is refused, as Twilio refuses it (413). */
const MAX_MEDIA_BYTES = FLEX_WEB_FILES.maxFileBytes;
const MAX_SET_BODY_BYTES = 64 * 1024;
const MAX_FILENAME_LENGTH = 255;

export interface MediaApiDependencies {
  store: ConversationsStore;
  authority: TokenAuthority;
  signer: MediaUrlSigner;
  publicUrl: () => string;
}

/**
 * What a browser may show in place rather than download: pictures, sound, video and PDF. SVG is a
 * document that can hold script, so it downloads like HTML and everything else.
 */
const SHOWN_IN_PLACE = /^(image\/(?!svg)[a-z0-9.+-]+|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+|application\/pdf)$/;

/**
 * Media bytes are the uploader's and are served from the desk's own origin: an HTML file opened
 * there would run as the desk. So the declared type is taken as is (nosniff), anything but the types
 * above is an attachment, and a sandboxing CSP keeps even an inline file from running script or
 * loading anything (https://www.w3.org/TR/CSP3/#directive-sandbox).
 */
function contentHeaders(media: MediaRecord): OutgoingHttpHeaders {
  const essence = (media.contentType.split(';')[0] ?? '').trim().toLowerCase();
  const disposition = SHOWN_IN_PLACE.test(essence) ? 'inline' : 'attachment';
  return {
    'Content-Type': media.contentType,
    'Content-Length': media.size,
    'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'",
  };
}

function corsHeaders(request: IncomingMessage): OutgoingHttpHeaders {
  return { 'Access-Control-Allow-Origin': request.headers.origin ?? '*', Vary: 'Origin' };
}

export function createMediaHandler(deps: MediaApiDependencies) {
  const { store, authority, signer } = deps;
  const base = mediaServicePath(authority.serviceSid);
  const nowSeconds = (): number => Math.floor(Date.now() / 1000);

  function record(media: MediaRecord) {
    const url = `${deps.publicUrl()}${base}/${media.sid}`;
    const signed = signer.signQuery(media.sid, nowSeconds());
    return {
      sid: media.sid,
      service_sid: authority.serviceSid,
      account_sid: authority.accountSid,
      date_created: media.dateCreated.toISOString(),
      date_upload_updated: media.dateCreated.toISOString(),
      date_updated: media.dateCreated.toISOString(),
      size: media.size,
      content_type: media.contentType,
      filename: media.filename,
      category: 'media',
      author: null,
      channel_sid: null,
      message_sid: null,
      is_multipart_upstream: false,
      url,
      links: { content: `${url}/Content`, content_direct_temporary: `${url}/Content?${signed}` },
    };
  }

  /** Media attached to a message are for that conversation's participants; fresh uploads for any user. */
  function readable(media: MediaRecord, identity: string): boolean {
    const conversations = store
      .listConversations()
      .filter((conversation) => store.listMessages(conversation.sid).some((message) => message.mediaSids.includes(media.sid)));
    return conversations.length === 0 || conversations.some((conversation) => store.findParticipant(conversation.sid, identity) !== undefined);
  }

  async function upload(request: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }> {
    const filename = url.searchParams.get('Filename') ?? 'file';
    if (filename.length > MAX_FILENAME_LENGTH) throw invalidParameter(`Filename exceeds ${MAX_FILENAME_LENGTH} characters`);
    let data: Buffer;
    try {
      data = await readBody(request, MAX_MEDIA_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new TwilioError(413, 20001, error.message);
      throw error;
    }
    if (data.length === 0) throw invalidParameter('Media body is empty');
    const contentType = request.headers['content-type'] ?? 'application/octet-stream';
    return { status: 201, body: record(store.media.add({ filename, contentType, data })) };
  }

  async function mediaSet(request: IncomingMessage, identity: string): Promise<{ status: number; body: unknown }> {
    let query: unknown;
    try {
      query = JSON.parse((await readBody(request, MAX_SET_BODY_BYTES)).toString('utf8'));
    } catch {
      throw invalidParameter('Body must be JSON {command, list}');
    }
    const list = (query as { list?: unknown }).list;
    if (!Array.isArray(list)) throw invalidParameter('list must be an array');
    return {
      status: 200,
      body: list.map((entry: unknown) => {
        const listed = (entry as { media_sid?: unknown }).media_sid;
        const sid = typeof listed === 'string' ? listed : '';
        const media = store.media.find(sid);
        return media && readable(media, identity) ? { code: 200, media_record: record(media) } : { code: 404, media_record: { sid } };
      }),
    };
  }

  function sendContent(request: IncomingMessage, response: ServerResponse, sid: string, url: URL): void {
    const media = store.media.find(sid);
    if (!media || !signer.verify(sid, url.searchParams.get('expires'), url.searchParams.get('signature'), nowSeconds())) {
      sendJson(response, 404, notFound(url.pathname).toBody(), corsHeaders(request));
      return;
    }
    response
      .writeHead(200, {
        ...corsHeaders(request),
        ...contentHeaders(media),
        'Cache-Control': 'private, max-age=300',
      })
      .end(media.data);
  }

  async function answer(request: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }> {
    const token = request.headers['x-twilio-token'];
    const { identity } = await verifyAccessToken(typeof token === 'string' ? token : '', authority);
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const single = new RegExp(`^GET ${base}/(ME[0-9a-fA-F]{32})$`).exec(route);
    if (route === `POST ${base}`) return upload(request, url);
    if (route === `POST ${base}Set`) return mediaSet(request, identity);
    if (single?.[1]) {
      const media = store.media.find(single[1]);
      if (!media || !readable(media, identity)) throw notFound(url.pathname);
      return { status: 200, body: record(media) };
    }
    throw notFound(url.pathname);
  }

  /** False when the path is not the media service's. */
  return async function handleMedia(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(base)) return false;
    if (request.method === 'OPTIONS') {
      response
        .writeHead(204, {
          ...corsHeaders(request),
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'X-Twilio-Token, Content-Type',
          'Access-Control-Max-Age': '600',
        })
        .end();
      return true;
    }
    const content = new RegExp(`^${base}/(ME[0-9a-fA-F]{32})/Content$`).exec(url.pathname);
    if (request.method === 'GET' && content?.[1]) {
      sendContent(request, response, content[1], url);
      return true;
    }
    let result: { status: number; body: unknown };
    try {
      result = await answer(request, url);
    } catch (error) {
      if (!(error instanceof TwilioError)) throw error;
      result = { status: error.status, body: error.toBody() };
    }
    sendJson(response, result.status, result.body, corsHeaders(request));
    return true;
  };
}
