/** The page's listeners of one widget (widget-src/loader/page-listeners.ts), without a browser. */
import { describe, expect, jest, test } from '@jest/globals';
import { createPageListeners } from '../../widget-src/loader/page-listeners';

describe('page listeners', () => {
  test('each listener of an event hears it with its detail, in the order they were added', () => {
    const listeners = createPageListeners();
    const heard: string[] = [];
    listeners.on('chatStarted', ({ conversationSid }) => heard.push(`first ${conversationSid}`));
    listeners.on('chatStarted', ({ conversationSid }) => heard.push(`second ${conversationSid}`));
    listeners.on('open', () => heard.push('open'));
    listeners.emit('chatStarted', { conversationSid: 'CH1' });
    expect(heard).toStrictEqual(['first CH1', 'second CH1']);
  });

  test('on() answers a function that removes the listener, as off() does', () => {
    const listeners = createPageListeners();
    const counted: number[] = [];
    const first = ({ count }: { count: number }) => counted.push(count);
    const second = ({ count }: { count: number }) => counted.push(count * 10);
    const stop = listeners.on('unreadChanged', first);
    listeners.on('unreadChanged', second);
    stop();
    listeners.emit('unreadChanged', { count: 1 });
    listeners.off('unreadChanged', second);
    listeners.emit('unreadChanged', { count: 2 });
    expect(counted).toStrictEqual([10]);
  });

  test('a listener that throws is reported, and the others still hear the event', () => {
    const listeners = createPageListeners();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    listeners.on('messageReceived', () => {
      throw new Error('page bug');
    });
    listeners.on('messageReceived', ({ body }) => heard.push(body));
    expect(() => listeners.emit('messageReceived', { author: 'Alex', body: 'Hi' })).not.toThrow();
    expect(heard).toStrictEqual(['Hi']);
    expect(error).toHaveBeenCalledWith(new Error('page bug'));
    error.mockRestore();
  });

  test('a listener removed while an event is delivered does not change that delivery; clear() removes all', () => {
    const listeners = createPageListeners();
    const heard: string[] = [];
    const later = () => heard.push('later');
    listeners.on('close', () => listeners.off('close', later));
    listeners.on('close', later);
    listeners.emit('close', undefined);
    listeners.emit('close', undefined);
    expect(heard).toStrictEqual(['later']);
    listeners.on('ready', () => heard.push('ready'));
    listeners.clear();
    listeners.emit('ready', undefined);
    expect(heard).toStrictEqual(['later']);
  });
});
