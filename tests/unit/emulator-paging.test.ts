import { describe, expect, it } from '@jest/globals';
import { paginate, parsePageRequest, type ListSpec } from '../../scripts/emulator/rest/paging';
import { TwilioError } from '../../scripts/emulator/twilio-errors';

const numbers = (count: number): number[] => Array.from({ length: count }, (_, i) => i);
const spec: ListSpec<number> = {
  key: 'messages',
  url: 'https://conversations.twilio.com/v1/Conversations/CH1/Messages',
  query: { Order: 'asc' },
  keyOf: (n) => n,
};

describe('emulator paging', () => {
  it('defaults to pages of 50 and rejects page sizes outside 1..max with code 20001', () => {
    expect(parsePageRequest({}, 100)).toStrictEqual({ pageSize: 50, page: 0, pageToken: undefined });
    expect(parsePageRequest({ PageSize: '100' }, 100).pageSize).toBe(100);
    for (const bad of ['0', '101', '-1', '2.5', 'ten']) {
      const parse = () => parsePageRequest({ PageSize: bad }, 100);
      expect(parse).toThrow(TwilioError);
      expect(parse).toThrow(expect.objectContaining({ code: 20001 }));
    }
  });

  it('describes the first page with absolute Twilio URLs and a next page token', () => {
    const page = paginate(numbers(5), parsePageRequest({ PageSize: '2' }, 100), spec);
    expect(page.items).toStrictEqual([0, 1]);
    expect(page.meta).toStrictEqual({
      page: 0,
      page_size: 2,
      first_page_url: `${spec.url}?Order=asc&PageSize=2&Page=0`,
      previous_page_url: null,
      next_page_url: `${spec.url}?Order=asc&PageSize=2&Page=1&PageToken=PA1`,
      url: `${spec.url}?Order=asc&PageSize=2&Page=0`,
      key: 'messages',
    });
  });

  it('walks forward with next tokens and back with previous tokens until the ends', () => {
    const items = numbers(5);
    const request = (query: Record<string, string>) => parsePageRequest({ PageSize: '2', ...query }, 100);
    const second = paginate(items, request({ Page: '1', PageToken: 'PA1' }), spec);
    expect(second.items).toStrictEqual([2, 3]);
    const third = paginate(items, request({ Page: '2', PageToken: 'PA3' }), spec);
    expect(third.items).toStrictEqual([4]);
    expect(third.meta.next_page_url).toBe(null);
    const back = new URL(third.meta.previous_page_url ?? '');
    expect(paginate(items, request(Object.fromEntries(back.searchParams)), spec).items).toStrictEqual([2, 3]);
  });

  it('keeps a cursor meaningful when its item was deleted meanwhile', () => {
    const page = paginate([0, 1, 3, 4], parsePageRequest({ PageSize: '2', PageToken: 'PA2' }, 100), spec);
    expect(page.items).toStrictEqual([3, 4]);
  });

  it('pages descending lists by the same keys', () => {
    const items = numbers(5).reverse();
    const first = paginate(items, parsePageRequest({ PageSize: '2' }, 100), spec);
    expect(first.items).toStrictEqual([4, 3]);
    expect(paginate(items, parsePageRequest({ PageSize: '2', PageToken: 'PA3' }, 100), spec).items).toStrictEqual([2, 1]);
  });

  it('rejects a malformed page token', () => {
    expect(() => paginate([1], parsePageRequest({ PageToken: 'garbage' }, 100), spec)).toThrow(/Invalid PageToken/);
  });
});
