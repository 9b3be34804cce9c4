/**
 * `npm run deploy` and `twilio serverless:deploy` must deploy the same folders: ours reads
 * .twilioserverlessrc with its own small reader, twilio-run with its JSON5 one; they must agree.
 */
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readProjectConfig } from '../../scripts/lib/project-config';

const ROOT = path.resolve(__dirname, '../..');

interface TwilioRunConfig {
  functionsFolder?: string;
  assetsFolder?: string;
  serviceName?: string;
  runtime?: string;
}

// twilio-run's own reader of the file, as its deploy and start commands call it.
const { readSpecializedConfig } = require('twilio-run/dist/config/global') as {
  readSpecializedConfig: (baseDir: string, file: string, command: string, options: object) => TwilioRunConfig;
};

describe('.twilioserverlessrc', () => {
  it('gives npm run deploy the folders, name and runtime twilio serverless:deploy uses', async () => {
    const ours = await readProjectConfig(ROOT);
    const twilioRun = readSpecializedConfig(ROOT, '.twilioserverlessrc', 'deploy', {});
    expect(ours).toStrictEqual({ serviceName: twilioRun.serviceName, functionsFolder: twilioRun.functionsFolder, assetsFolder: twilioRun.assetsFolder, runtime: twilioRun.runtime });
  });

  it('serves the local demo with npm start from a folder that is never deployed', async () => {
    const start = readSpecializedConfig(ROOT, '.twilioserverlessrc', 'start', {});
    const deployed = (await readProjectConfig(ROOT)).assetsFolder;
    expect(start.assetsFolder).not.toBe(deployed);
    expect(path.relative(deployed, start.assetsFolder ?? '').startsWith('..')).toBe(true);
  });
});
