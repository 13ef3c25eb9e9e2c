// Builds KIM Portal's editor: `npm ci && npm run build` (README.md).
//   entry.js   -> ../static/articles/editor/kim-editor.js   (one script, sets window.KimEditor)
//   styles.css -> ../static/articles/editor/kim-editor.css  (only the CSS of the packages used)
// Both are committed; node_modules never is. Prints each file's size, raw and gzipped.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = '../static/articles/editor';
const version = JSON.parse(readFileSync('node_modules/ckeditor5/package.json', 'utf8')).version;
const banner = `/*! KIM Portal editor: CKEditor 5 ${version} (GPL-2.0-or-later, https://ckeditor.com/legal/ckeditor-licensing-options), ` +
  'built from articles/editor/ with esbuild. */';
const common = { bundle: true, minify: true, legalComments: 'none', logLevel: 'warning', banner: { js: banner, css: banner } };

await Promise.all([
  // Syntax lowered to ES2020 (Chrome 90): a phone some versions behind still parses it.
  esbuild.build({ ...common, entryPoints: ['entry.js'], format: 'iife', target: ['es2020', 'chrome90'], outfile: `${out}/kim-editor.js` }),
  esbuild.build({ ...common, entryPoints: ['styles.css'], outfile: `${out}/kim-editor.css` }),
]);
for (const name of ['kim-editor.js', 'kim-editor.css']) {
  const data = readFileSync(`${out}/${name}`);
  console.log(`${name.padEnd(15)} ${String(data.length).padStart(8)} bytes, ${String(gzipSync(data, { level: 9 }).length).padStart(7)} gzipped`);
}
