// Vite plugin: after a production build, write dist/sw.js with the list of files to precache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

const TEMPLATE = new URL('./service-worker.js', import.meta.url);
/** Left to the dataset loader's own verified cache. */
const SKIP = /^data\//;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cnn-playground-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const files = filesUnder(outDir)
        .map((path) => relative(outDir, path).split('\\').join('/'))
        .filter((file) => !SKIP.test(file) && file !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
      // './' is the page itself (index.html), fetched the way a navigation fetches it.
      const precache = ['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`)];
      const source = readFileSync(TEMPLATE, 'utf8')
        .replace('__VERSION__', hash.digest('hex').slice(0, 16))
        .replace('__PRECACHE__', JSON.stringify(precache));
      writeFileSync(join(outDir, 'sw.js'), source);
    },
  };
}
