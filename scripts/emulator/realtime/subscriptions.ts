/**
 * One connection's Sync subscriptions. The SDK asks with `POST /v4/Subscriptions`
 * `{action: establish|cancel, correlation_id, requests: [{object_sid, object_type, last_event_id}]}`;
 * after the reply it gets, per object, the events it missed since `last_event_id` (as
 * `twilio.sync.event`) and then `subscription_established` with `replay_status: completed`; later
 * changes arrive as `com.twilio.rtd.cds.{document,list,map}` notifications (twilio-sync
 * subscriptions.js `acceptMessage`, client.js `_routeMessage`).
 */
import { invalidParameter } from '../twilio-errors';
import type { Projection } from './projection';
import { syncAccessForbidden, syncObjectNotFound } from './sync-api';
import type { AnySyncObject, JsonObject, SyncEvent } from './sync-objects';

/**
 * How long the SDK should wait for the established events before checking on them. They follow
 * this answer at once; the SDK's check timer is not cancelled by shutdown(), so a short one also
 * keeps a client that was just shut down from holding its process open.
 */
const ESTIMATED_DELIVERY_MS = 100;
const MAX_BATCH_SIZE = 100;

const REPLAY_TYPE = 'twilio.sync.event';
const LIVE_TYPE: Record<AnySyncObject['kind'], string> = {
  document: 'com.twilio.rtd.cds.document',
  list: 'com.twilio.rtd.cds.list',
  map: 'com.twilio.rtd.cds.map',
};

export type Notify = (messageType: string, payload: JsonObject) => void;

interface SubscriptionRequest {
  objectSid: string;
  objectType: AnySyncObject['kind'];
  lastEventId: number;
}

const KINDS: readonly string[] = ['document', 'map', 'list'];

function parseRequests(body: Readonly<Record<string, unknown>>): { action: 'establish' | 'cancel'; correlationId: unknown; requests: SubscriptionRequest[] } {
  const { action, correlation_id: correlationId, requests } = body;
  if (action !== 'establish' && action !== 'cancel') throw invalidParameter('action must be establish or cancel');
  if (!Array.isArray(requests)) throw invalidParameter('requests must be an array');
  if (requests.length > MAX_BATCH_SIZE) throw invalidParameter(`at most ${MAX_BATCH_SIZE} requests`);
  return {
    action,
    correlationId,
    requests: requests.map((request: unknown) => {
      const fields = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
      if (typeof fields.object_sid !== 'string') throw invalidParameter('object_sid is required');
      if (typeof fields.object_type !== 'string' || !KINDS.includes(fields.object_type)) throw invalidParameter('object_type must be document, map or list');
      return {
        objectSid: fields.object_sid,
        objectType: fields.object_type as AnySyncObject['kind'],
        lastEventId: typeof fields.last_event_id === 'number' ? fields.last_event_id : 0,
      };
    }),
  };
}

export class SessionSubscriptions {
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly identity: string,
    private readonly projection: Projection,
    private readonly notify: Notify,
  ) {}

  /** Answers the subscriptions request; the events follow the reply (`after`). */
  request(body: Readonly<Record<string, unknown>>): { status: number; body: JsonObject; after: () => void } {
    const { action, correlationId, requests } = parseRequests(body);
    const after = (): void => {
      for (const request of requests) {
        if (action === 'establish') this.establish(request, correlationId);
        else this.cancel(request.objectSid, correlationId);
      }
    };
    return { status: 202, body: { estimated_delivery_in_ms: ESTIMATED_DELIVERY_MS, max_batch_size: MAX_BATCH_SIZE }, after };
  }

  private establish(request: SubscriptionRequest, correlationId: unknown): void {
    const found = this.projection.resolve(request.objectSid);
    const object = found?.kind === request.objectType ? found : undefined;
    if (!object || !this.projection.canRead(this.identity, object)) {
      const error = object ? syncAccessForbidden() : syncObjectNotFound(request.objectType, request.objectSid);
      this.notify(REPLAY_TYPE, {
        event_type: 'subscription_failed',
        correlation_id: correlationId,
        event: { object_sid: request.objectSid, error: { status: error.status, code: error.code, message: error.message } },
      });
      return;
    }
    this.subscribed.add(object.sid);
    for (const event of object.eventsAfter(request.lastEventId)) {
      this.notify(REPLAY_TYPE, { event_type: event.type, correlation_id: correlationId, event: event.fields });
    }
    this.notify(REPLAY_TYPE, {
      event_type: 'subscription_established',
      correlation_id: correlationId,
      event: { object_sid: object.sid, object_type: object.kind, replay_status: 'completed', last_event_id: object.lastEventId },
    });
  }

  private cancel(objectSid: string, correlationId: unknown): void {
    this.subscribed.delete(objectSid);
    this.notify(REPLAY_TYPE, { event_type: 'subscription_canceled', correlation_id: correlationId, event: { object_sid: objectSid } });
  }

  /** Passes a live event on when this connection subscribed to the object and may still read it. */
  deliver(object: AnySyncObject, event: SyncEvent): void {
    if (!this.subscribed.has(object.sid) || !this.projection.canRead(this.identity, object)) return;
    this.notify(LIVE_TYPE[object.kind], { event_type: event.type, event: event.fields });
  }
}
