// Bundles the dashboard: node build.mjs [outDir]   (default: dist/)
// Writes app.js (minified IIFE, ECharts tree-shaken) and copies the static
// files next to it. A relative outDir is resolved against the current directory.

import { build } from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[2] || path.join(here, 'dist'));
const staticFiles = ['app.css', 'index.html', 'run.html', 'compare.html', 'monitoring.html'];

const started = Date.now();
await mkdir(outDir, { recursive: true });
await build({
  absWorkingDir: here,
  entryPoints: [path.join(here, 'src', 'app.js')],
  outfile: path.join(outDir, 'app.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
await Promise.all(staticFiles.map((f) => copyFile(path.join(here, f), path.join(outDir, f))));

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const { size } = await stat(path.join(outDir, 'app.js'));
console.log(`app.js ${kb(size)} (${size} bytes) + ${staticFiles.join(', ')} -> ${outDir} in ${Date.now() - started} ms`);
