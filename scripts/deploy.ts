/**
 * `npm run deploy`: builds, deploys dist/ with twilio-run using the credentials and variables in
 * .env, then sets UiEditable on the Service: without it, a CLI-deployed Service is read-only in the
 * Console and its variables could not be changed there. Extra arguments go to `twilio-run deploy`.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import twilio from 'twilio';
import { buildAll } from './build';
import { deployProblem } from './lib/deploy-checks';
import { parseEnv } from './lib/env-file';

const root = path.resolve(__dirname, '..');

interface DeployResult {
  domain: string;
  serviceSid: string;
}

function twilioRunDeploy(args: string[]): Promise<DeployResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('twilio-run/bin/twilio-run.js'), 'deploy', '--output-format', 'json', ...args], {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`twilio-run deploy exited with code ${code}`));
      try {
        resolve(JSON.parse(output.slice(output.indexOf('{'))) as DeployResult);
      } catch {
        reject(new Error(`could not read twilio-run's answer:\n${output}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const envText = await readFile(path.join(root, '.env'), 'utf8').catch(() => '');
  const problem = deployProblem(envText);
  if (problem !== null) throw new Error(problem);
  const env = parseEnv(envText);

  await buildAll();
  const result = await twilioRunDeploy(process.argv.slice(2));
  const client = twilio(env.ACCOUNT_SID, env.AUTH_TOKEN);
  await client.serverless.v1.services(result.serviceSid).update({ uiEditable: true });
  console.log(`
Deployed to https://${result.domain} (service ${result.serviceSid}, editable in the Console).
Embed the chat with:
  <script src="https://${result.domain}/webchat.js" async></script>
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
