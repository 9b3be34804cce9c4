import { describe, expect, it } from '@jest/globals';
import { rebase } from '../../scripts/lib/serverless-client';

const BASE = 'http://127.0.0.1:3001';

describe("twilio-run's client re-aimed at a local base URL", () => {
  it('sends relative paths under the base URL, keeping the API version of the default prefix and naming its host', () => {
    expect(rebase(BASE, 'Services/ZS1/Builds', {})).toStrictEqual(['Services/ZS1/Builds', { prefixUrl: `${BASE}/v1`, headers: { 'x-forwarded-host': 'serverless.twilio.com' } }]);
  });

  it('sends uploads, which name serverless-upload.twilio.com, to the same base URL, naming that host', () => {
    const [path, options] = rebase(BASE, 'Services/ZS1/Assets/ZH1/Versions', { prefixUrl: 'https://serverless-upload.twilio.com/v1', headers: {} });
    expect([path, options.prefixUrl, options.headers]).toStrictEqual(['Services/ZS1/Assets/ZH1/Versions', `${BASE}/v1`, { 'x-forwarded-host': 'serverless-upload.twilio.com' }]);
  });

  it("follows Twilio's absolute next-page URLs to the base URL, query included", () => {
    const [path, options] = rebase(BASE, 'https://serverless.twilio.com/v1/Services?PageSize=50&Page=1&PageToken=PA2', { prefixUrl: '' });
    expect([path, options.prefixUrl]).toStrictEqual([`${BASE}/v1/Services?PageSize=50&Page=1&PageToken=PA2`, '']);
  });

  it('keeps every other option as it was', () => {
    const [, options] = rebase(BASE, 'Services', { responseType: 'json', headers: { 'X-Test': '1' } });
    expect(options).toStrictEqual({ responseType: 'json', headers: { 'X-Test': '1', 'x-forwarded-host': 'serverless.twilio.com' }, prefixUrl: `${BASE}/v1` });
  });
});
