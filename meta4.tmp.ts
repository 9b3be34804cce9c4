import * as esbuild from 'esbuild';
import { esbuildTargets } from './scripts/lib/browser-targets';
async function main() {
  for (const entry of ['widget-src/app/chunk.ts', 'widget-src/loader/index.ts']) {
  const r = await esbuild.build({ bundle: true, minify: true, write: false, metafile: true, format: 'iife', target: esbuildTargets(), platform: 'browser', jsx: 'automatic', jsxImportSource: 'preact', define: {'process.env.NODE_ENV':'"production"', __WEBCHAT_CHUNKS__: '{"app":"webchat/app-XXXXXXXX.js","conversations-transport":"webchat/conversations-transport-XXXXXXXX.js"}'}, entryPoints: [entry], outdir: '/tmp/perf-out', legalComments: 'none', loader: {'.css': 'text'} });
  const out = Object.values(r.metafile.outputs)[0]!;
  console.log('==', entry, out.bytes);
  for (const [f,v] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,45)) console.log(v.bytesInOutput, f);
  }
}
main();
