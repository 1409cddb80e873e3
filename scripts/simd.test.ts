// The committed simdBinary.ts must be what simd.wat compiles to, for both kinds of memory.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BINARY_PATH, compileSimd, generatedSource } from './simd';

describe('simd.wat', () => {
  it('matches the committed simdBinary.ts (run `npm run simd` after editing it)', async () => {
    expect(readFileSync(BINARY_PATH, 'utf8')).toBe(await generatedSource());
  });

  it('compiles and links to a shared and to a plain memory', async () => {
    for (const shared of [true, false]) {
      const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 65536, shared: true } : { initial: 1 });
      const instance = new WebAssembly.Instance(new WebAssembly.Module(await compileSimd(shared)), { env: { memory } });
      expect(Object.keys(instance.exports).sort()).toEqual(['adamUpdate', 'batchNormApply', 'batchNormGradSums', 'batchNormStats', 'col2imAdd', 'columnSums', 'maxPoolGradTiled', 'patchRows', 'reluGradColumnSums', 'rowsTimesMatrix']);
    }
  });
});
