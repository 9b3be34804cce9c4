/**
 * Media a Conversations service holds (uploaded through the SDK's media endpoint, then named by
 * messages): bytes and metadata, by sid.
 */
import { newSid } from './sids';

export interface MediaRecord {
  sid: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
  dateCreated: Date;
}

export class MediaStore {
  private readonly media = new Map<string, MediaRecord>();

  constructor(private readonly now: () => Date) {}

  reset(): void {
    this.media.clear();
  }

  add(input: { filename: string; contentType: string; data: Buffer }): MediaRecord {
    const media: MediaRecord = {
      sid: newSid('ME'),
      filename: input.filename,
      contentType: input.contentType,
      size: input.data.length,
      data: input.data,
      dateCreated: this.now(),
    };
    this.media.set(media.sid, media);
    return media;
  }

  find(sid: string): MediaRecord | undefined {
    return this.media.get(sid);
  }
}
