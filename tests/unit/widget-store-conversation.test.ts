/**
 * The chat store without any UI (tests/support/chat-store-harness.ts): the open conversation:
 * messages, read marking, typing, the connection banner, paging, sending and attachments.
 */
import { describe, expect, test } from '@jest/globals';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { addFiles, sendFiles } from '../../widget-src/app/store/file-sending';
import { flush, harness, startChat } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant } from '../support/fake-chat-transport';

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

  test('hands text to the outbox: its link is the transport only while connected, and sendFiles() sends files only', async () => {
    const h = harness();
    const transport = await startChat(h);
    expect(h.store.link).toBe(transport);
    expect(await sendFiles(h.store.files)).toBe(true);
    expect(transport.sent).toStrictEqual([]);
    transport.emit('connectionState', 'reconnecting');
    expect(h.store.link).toBe(null);
  });

  test('keeps a file that could not be sent, marked as failed, and the files after it; a retry sends them in order', async () => {
    const h = harness();
    const transport = await startChat(h);
    const named = (name: string) => Object.assign(new Blob([new Uint8Array(4)], { type: 'image/png' }), { name });
    addFiles(h.store.files, [named('1.png'), named('2.png'), named('3.png')]);
    transport.sendError = new Error('offline');
    expect(await sendFiles(h.store.files)).toBe(false);
    expect(h.store.getState().attachments.map((file) => [file.name, file.status])).toStrictEqual([['1.png', 'failed'], ['2.png', undefined], ['3.png', undefined]]);
    expect(h.store.getState().sendError ?? '').toMatch(/not sent/);
    transport.sendError = null;
    expect(await sendFiles(h.store.files)).toBe(true);
    expect(transport.sent.map((message) => message.files?.map((file) => file.name))).toStrictEqual([['1.png'], ['2.png'], ['3.png']]);
    expect([h.store.getState().attachments, h.store.getState().sending]).toStrictEqual([[], false]);
  });

  test('never lets a site configure a longer message than Twilio delivers (32 KB of UTF-8)', () => {
    const { maxMessageLength } = resolveAppConfig({ maxMessageLength: 1_000_000 });
    expect(new TextEncoder().encode('中'.repeat(maxMessageLength)).length).toBeLessThanOrEqual(32 * 1024);
    expect(resolveAppConfig({}).maxMessageLength).toBe(2000);
  });
});

describe('chat store: attachments', () => {
  const file = (name: string, size: number, type = 'image/png'): Blob & { name: string } =>
    Object.assign(new Blob([new Uint8Array(size)], { type }), { name });

  test('checks type, size and count before upload, with one message per refused file', async () => {
    const h = harness({ fileAttachment: { acceptedExtensions: ['png', 'pdf'], maxFileSize: 100, maxFiles: 2 } });
    await startChat(h);
    addFiles(h.store.files, [file('a.png', 10), file('b.exe', 10), file('c.pdf', 1000), file('d.PNG', 10), file('e.png', 10)]);
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
    addFiles(h.store.files, [file('a.png', 10)]);
    expect(h.store.getState().attachments.length).toBe(0);
    expect(h.store.getState().attachmentErrors.length).toBe(1);
  });

  test('sends each file as a message of its own, without text, then clears the chips', async () => {
    const h = harness();
    const transport = await startChat(h);
    addFiles(h.store.files, [file('photo.png', 10), file('scan.pdf', 10, 'application/pdf')]);
    expect(await sendFiles(h.store.files)).toBe(true);
    expect(transport.sent.map((message) => [message.body, message.files?.map((f) => [f.name, f.contentType])])).toStrictEqual([
      [undefined, [['photo.png', 'image/png']]],
      [undefined, [['scan.pdf', 'application/pdf']]],
    ]);
    expect(h.store.getState().attachments.length).toBe(0);
  });

  test('takes by default what Flex’s web chat takes: its ten extensions, 16 MiB a file, 64 MiB in all, and a site cannot widen that', () => {
    expect(resolveAppConfig({}).attachments).toStrictEqual({
      enabled: true,
      maxFileSize: 16 * 1024 * 1024,
      maxTotalFileSize: 64 * 1024 * 1024,
      acceptedExtensions: ['jpg', 'jpeg', 'png', 'amr', 'mp3', 'mp4', 'pdf', 'heic', 'txt', 'gif'],
      maxFiles: 5,
    });
    const wider = resolveAppConfig({ fileAttachment: { maxFileSize: 100 * 1024 * 1024, maxTotalFileSize: 1e9 } }).attachments;
    expect([wider.maxFileSize, wider.maxTotalFileSize]).toStrictEqual([16 * 1024 * 1024, 64 * 1024 * 1024]);
  });

  test('refuses a file that would take the files sent together past the total size', async () => {
    const h = harness({ fileAttachment: { maxFileSize: 100, maxTotalFileSize: 150 } });
    await startChat(h);
    addFiles(h.store.files, [file('a.png', 100)]);
    addFiles(h.store.files, [file('b.png', 60), file('c.png', 50)]);
    const { attachments, attachmentErrors } = h.store.getState();
    expect(attachments.map((a) => a.name)).toStrictEqual(['a.png', 'c.png']);
    expect(attachmentErrors).toStrictEqual(['“b.png” was not added: the files together may be at most 150 byte.']);
  });
});
