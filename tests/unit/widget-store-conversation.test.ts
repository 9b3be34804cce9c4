/**
 * The chat store without any UI (tests/support/chat-store-harness.ts): the open conversation:
 * messages, read marking, typing, the connection banner, paging, sending and attachments.
 */
import { describe, expect, test } from '@jest/globals';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { flush, harness, startChat } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant } from '../support/fake-chat-transport';

const photo = (): Blob & { name: string } => Object.assign(new Blob([new Uint8Array(10)], { type: 'image/png' }), { name: 'photo.png' });

describe('chat store: conversation', () => {
  test('loads the question and the welcome, read and without a new-messages marker', async () => {
    const h = harness();
    await startChat(h);
    const state = h.store.getState();
    expect(state.messages.map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!']);
    expect(state.firstUnreadIndex).toBe(null);
    expect(state.connection).toBe('connected');
  });

  test('marks messages read only while the visitor is looking', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hello, I am Alex'));
    expect(transport.read).toStrictEqual([]);
    expect(h.store.getState().unreadCount).toBe(1);
    expect(h.store.getState().firstUnreadIndex).toBe(2);
    h.store.setAttention(true);
    await flush();
    expect(transport.read).toStrictEqual([2]);
    expect(h.store.getState().unreadCount).toBe(0);
    transport.emit('messageAdded', message(3, AGENT, 'How can I help?'));
    expect(transport.read).toStrictEqual([2, 3]);
  });

  test('keeps the marker while the visitor reads, and drops it after they reply', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    h.store.setAttention(true);
    expect(h.store.getState().firstUnreadIndex).toBe(2);
    transport.emit('messageAdded', message(3, VISITOR, 'Thanks'));
    expect(h.store.getState().firstUnreadIndex).toBe(null);
  });

  test('tracks who is typing, ignoring the visitor’s own echo', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('typingStarted', participant(AGENT, 'Alex'));
    transport.emit('typingStarted', participant(VISITOR, 'Jane'));
    expect(h.store.getState().typing).toStrictEqual([AGENT]);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    expect(h.store.getState().typing).toStrictEqual([]);
  });

  test('forwards the visitor’s typing only while connected', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.typing();
    transport.emit('connectionState', 'connecting');
    h.store.typing();
    expect(transport.typingCalls).toBe(1);
  });

  test('computes the read receipt from other participants’ read horizons', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('participantJoined', participant(AGENT, 'Alex', null));
    expect(h.store.getState().othersReadIndex).toBe(null);
    transport.emit('participantUpdated', participant(AGENT, null, 1));
    expect(h.store.getState().othersReadIndex).toBe(1);
    // A name once known survives an update that carries none.
    expect(h.store.getState().knownNames[AGENT]).toBe('Alex');
  });

  test('shows a banner while reconnecting and "restored" briefly afterwards', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('connectionState', 'connecting');
    expect(h.store.getState().banner).toBe('reconnecting');
    expect(h.store.canSend()).toBe(false);
    transport.emit('connectionState', 'connected');
    expect(h.store.getState().banner).toBe('restored');
    h.clock.advance(5_000);
    expect(h.store.getState().banner).toBe(null);
  });

  test('pages older messages in before the oldest one', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(40, VISITOR, 'latest')], hasOlder: true } };
      t.older = { messages: Array.from({ length: 40 }, (_, i) => message(i, AGENT, `old ${i}`)), hasOlder: true };
    });
    await startChat(h);
    await h.store.loadOlder();
    const { messages, hasOlder } = h.store.getState();
    expect(messages.length).toBe(31);
    expect(messages[0]?.index).toBe(10);
    expect(hasOlder).toBe(true);
  });

  test('leaves a replayed older message to paging instead of showing it out of order', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(40, VISITOR, 'latest')], hasOlder: true } };
    });
    const transport = await startChat(h);
    transport.emit('messageAdded', message(3, AGENT, 'old 3'));
    transport.emit('messageAdded', message(41, AGENT, 'new'));
    expect(h.store.getState().messages.map((m) => m.index)).toStrictEqual([40, 41]);
  });

  test('keeps messages that arrived between the snapshot and its display', async () => {
    const h = harness({}, (t) => {
      const connect = t.connect.bind(t);
      t.connect = async () => {
        const snapshot = await connect();
        t.emit('messageAdded', message(2, AGENT, 'just in'));
        return snapshot;
      };
    });
    await startChat(h);
    expect(h.store.getState().messages.map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!', 'just in']);
  });

  test('ends the chat when the visitor is removed from the conversation', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('removed', undefined);
    expect(h.store.getState().phase).toBe('ended');
    expect(h.sessions.saved).toBe(null);
  });

  test('hands text to the outbox: its link is the transport only while connected, and send() is for files', async () => {
    const h = harness();
    const transport = await startChat(h);
    expect(h.store.link).toBe(transport);
    expect(await h.store.send('Text alone')).toBe(false);
    expect(transport.sent).toStrictEqual([]);
    transport.emit('connectionState', 'reconnecting');
    expect(h.store.link).toBe(null);
  });

  test('keeps the files and the caption when sending fails and says so', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.sendError = new Error('offline');
    h.store.addFiles([photo()]);
    expect(await h.store.send('Hello?')).toBe(false);
    expect(h.store.getState().attachments.length).toBe(1);
    expect(h.store.getState().sendError ?? '').toMatch(/not sent/);
  });

  test('never lets a site configure a longer message than Twilio delivers (32 KB of UTF-8)', () => {
    const { maxMessageLength } = resolveAppConfig({ maxMessageLength: 1_000_000 });
    expect(new TextEncoder().encode('中'.repeat(maxMessageLength)).length).toBeLessThanOrEqual(32 * 1024);
    expect(resolveAppConfig({}).maxMessageLength).toBe(2000);
  });

  test('refuses a caption over the maximum length', async () => {
    const h = harness({ maxMessageLength: 5 });
    const transport = await startChat(h);
    h.store.addFiles([photo()]);
    expect(await h.store.send('123456')).toBe(false);
    expect(transport.sent).toStrictEqual([]);
  });
});

describe('chat store: attachments', () => {
  const file = (name: string, size: number, type = 'image/png'): Blob & { name: string } =>
    Object.assign(new Blob([new Uint8Array(size)], { type }), { name });

  test('checks type, size and count before upload, with one message per refused file', async () => {
    const h = harness({ fileAttachment: { acceptedExtensions: ['png', 'pdf'], maxFileSize: 100, maxFiles: 2 } });
    await startChat(h);
    h.store.addFiles([file('a.png', 10), file('b.exe', 10), file('c.pdf', 1000), file('d.PNG', 10), file('e.png', 10)]);
    const { attachments, attachmentErrors } = h.store.getState();
    expect(attachments.map((a) => a.name)).toStrictEqual(['a.png', 'd.PNG']);
    expect(attachmentErrors.length).toBe(3);
    expect(attachmentErrors[0] ?? '').toMatch(/b\.exe.*allowed types are png, pdf/);
    expect(attachmentErrors[1] ?? '').toMatch(/c\.pdf.*too large/);
    expect(attachmentErrors[2] ?? '').toMatch(/at most 2 files/);
  });

  test('refuses every file when attachments are disabled', async () => {
    const h = harness({ fileAttachment: { enabled: false } });
    await startChat(h);
    h.store.addFiles([file('a.png', 10)]);
    expect(h.store.getState().attachments.length).toBe(0);
    expect(h.store.getState().attachmentErrors.length).toBe(1);
  });

  test('sends files with the text in one message, then clears the chips', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.addFiles([file('photo.png', 10)]);
    expect(await h.store.send('see attached')).toBe(true);
    expect(transport.sent[0]?.body).toBe('see attached');
    expect(transport.sent[0]?.files?.map((f) => [f.name, f.contentType])).toStrictEqual([['photo.png', 'image/png']]);
    expect(h.store.getState().attachments.length).toBe(0);
  });
});
