// Compiles src/train/kernels/simd.wat and the files it includes (with wabt, no native toolchain) into simdBinary.ts: npm run simd
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const kernels = fileURLToPath(new URL('../src/train/kernels/', import.meta.url));
export const WAT_PATH = `${kernels}simd.wat`;
export const BINARY_PATH = `${kernels}simdBinary.ts`;

/** simd.wat with each `;; @include name.wat` line replaced by that file (one module, kept in files under 400 lines). */
export function moduleSource(): string {
  return readFileSync(WAT_PATH, 'utf8').replace(/^\s*;; @include (\S+\.wat)\s*$/gm, (_, name: string) => readFileSync(`${kernels}${name}`, 'utf8'));
}

/** The module for shared memory (the threaded backend) or for plain memory. */
export async function compileSimd(shared: boolean): Promise<Uint8Array<ArrayBuffer>> {
  // A shared memory must declare a maximum; the threaded backend's is 4 GiB (65,536 pages).
  const source = moduleSource().replace('MAXIMUM', shared ? '65536 shared' : '');
  const features = { simd: true, threads: true, bulk_memory: true };
  const module = (await wabt()).parseWat('simd.wat', source, features);
  try {
    // wabt.js's validate() ignores the threads feature and rejects shared memory; the engine
    // validates the module when it is compiled (the unit test compiles both).
    module.resolveNames();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

export async function generatedSource(): Promise<string> {
  const [shared, plain] = await Promise.all([compileSimd(true), compileSimd(false)]);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Generated from simd.wat by `npm run simd`; do not edit (a unit test checks it is current).',
    '',
    '/** For the threaded backend, whose memory is shared. */',
    `export const SIMD_SHARED = '${b64(shared)}';`,
    '/** For the single-threaded SIMD backend. */',
    `export const SIMD_PLAIN = '${b64(plain)}';`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BINARY_PATH, await generatedSource());
  console.log(`wrote ${BINARY_PATH}`);
}
