/**
 * The deploy-relevant settings of `.twilioserverlessrc`, the file twilio-run itself reads, so
 * `npm run deploy` and `twilio serverless:deploy` deploy the same folders under the same name.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ProjectConfig {
  serviceName: string;
  functionsFolder: string;
  assetsFolder: string;
  runtime: string;
}

export async function readProjectConfig(root: string): Promise<ProjectConfig> {
  const file = path.join(root, '.twilioserverlessrc');
  // twilio-run reads JSON5; ours is kept to JSON with whole-line comments, which this strips.
  const text = (await readFile(file, 'utf8')).split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
  const config = JSON.parse(text) as Partial<Record<keyof ProjectConfig, unknown>>;
  const field = (name: keyof ProjectConfig): string => {
    const value = config[name];
    if (typeof value !== 'string' || value === '') throw new Error(`${file} has no "${name}"`);
    return value;
  };
  return { serviceName: field('serviceName'), functionsFolder: field('functionsFolder'), assetsFolder: field('assetsFolder'), runtime: field('runtime') };
}
