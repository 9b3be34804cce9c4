/**
 * What visitors download, raw, gzip -9 and brotli 11, next to the anchors: the Webchat React App
 * this replaces (286,206 B gzip on every page view) and Twilio's own minified Conversations SDK
 * build (twilio-conversations.min.js, 125,485 B gzip).
 */
import { measureWidget, scriptsOfAChat, totalSize, type SizedFile } from '../build/widget-sizes';

export const ANCHORS = { webchatReactApp: 286_206, twilioSdkMin: 125_485 };

export type SizeRow = Omit<SizedFile, 'file'>;

export interface Sizes {
  loader: SizeRow;
  app: SizeRow;
  chatView: SizeRow;
  transcript: SizeRow;
  sdk: SizeRow;
  chatTotal: SizeRow;
  anchors: typeof ANCHORS;
}

const row = ({ raw, gzip, brotli }: SizedFile): SizeRow => ({ raw, gzip, brotli });

export async function measureSizes(assetsDir: string): Promise<Sizes> {
  const sizes = await measureWidget(assetsDir);
  return {
    loader: row(sizes.loader),
    app: row(sizes.chunks.app),
    chatView: row(sizes.chunks['chat-view']),
    transcript: row(sizes.chunks.transcript),
    sdk: row(sizes.chunks['conversations-transport']),
    chatTotal: row(totalSize(scriptsOfAChat(sizes.all))),
    anchors: ANCHORS,
  };
}
