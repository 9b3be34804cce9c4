import { describe, expect, it } from '@jest/globals';
import { parseEnv } from '../../scripts/lib/env-file';
import { renderEnvFile } from '../../scripts/lib/setup/env-writer';

const example = ['# description: Your Twilio Account SID', '# format: sid', 'ACCOUNT_SID=', '', '# description: Welcome', 'WELCOME_MESSAGE=Hello {friendlyName}!', ''].join('\n');

describe('the settings file setup writes', () => {
  it("keeps the example's annotations and defaults, with setup's values filled in", () => {
    const text = renderEnvFile(example, { ACCOUNT_SID: `AC${'1'.repeat(32)}` }, '');
    expect(text).toContain(`# description: Your Twilio Account SID\n# format: sid\nACCOUNT_SID=AC${'1'.repeat(32)}\n`);
    expect(parseEnv(text)).toStrictEqual({ ACCOUNT_SID: `AC${'1'.repeat(32)}`, WELCOME_MESSAGE: 'Hello {friendlyName}!' });
  });

  it("keeps the previous file's own values and variables the example does not know", () => {
    const previous = 'WELCOME_MESSAGE=Hi there\nMY_OWN_SETTING=42\n';
    expect(parseEnv(renderEnvFile(example, { ACCOUNT_SID: `AC${'2'.repeat(32)}` }, previous))).toStrictEqual({
      ACCOUNT_SID: `AC${'2'.repeat(32)}`,
      WELCOME_MESSAGE: 'Hi there',
      MY_OWN_SETTING: '42',
    });
  });
});
