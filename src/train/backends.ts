// Backend selection in the worker: WebGPU, WebGL, WASM, CPU; software GPUs never win "auto".

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmKernels } from './kernels';
import type { BackendChoice, BackendName } from './protocol';
import { BACKENDS } from './protocol';

export interface Probe {
  name: BackendName;
  /** False when the browser cannot run it at all. */
  available: boolean;
  /** A GPU emulated on the CPU (SwiftShader, llvmpipe, a WebGPU fallback adapter). */
  software: boolean;
  detail: string;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

async function probeWebGpu(): Promise<Probe> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GPUAdapterLike | null> } }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, software: false, detail: 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { name: 'webgpu', available: false, software: false, detail: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.trim();
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_RENDERER.test(text);
  return { name: 'webgpu', available: true, software, detail: text || 'unnamed adapter' };
}

interface GPUAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

function probeWebGl(): Probe {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { name: 'webgl', available: false, software: false, detail: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { name: 'webgl', available: true, software: SOFTWARE_RENDERER.test(renderer), detail: renderer };
  } catch (e) {
    return { name: 'webgl', available: false, software: false, detail: String(e) };
  }
}

export async function probeAll(): Promise<Probe[]> {
  return [
    await probeWebGpu(),
    probeWebGl(),
    { name: 'wasm', available: typeof WebAssembly === 'object', software: false, detail: 'WebAssembly on the CPU' },
    { name: 'cpu', available: true, software: false, detail: 'plain JavaScript' },
  ];
}

/** The order "auto" tries: hardware GPUs first, then WASM, CPU, and software GPUs last. */
export function autoOrder(probes: Probe[]): { name: BackendName; reason: string }[] {
  const hardware = probes.filter((p) => p.available && !p.software && (p.name === 'webgpu' || p.name === 'webgl'));
  const software = probes.filter((p) => p.available && p.software);
  const cpuSide = probes.filter((p) => p.available && (p.name === 'wasm' || p.name === 'cpu'));
  const skipped = probes.filter((p) => p.software).map((p) => `${p.name} is a software GPU (${p.detail})`);
  const because = skipped.length > 0 ? `; ${skipped.join('; ')}, slower than WASM on this CPU` : '';
  return [
    ...hardware.map((p) => ({ name: p.name, reason: `auto: hardware GPU (${p.detail})` })),
    ...cpuSide.map((p) => ({ name: p.name, reason: `auto: no hardware GPU${because}` })),
    ...software.map((p) => ({ name: p.name, reason: `auto: only a software GPU is left (${p.detail})` })),
  ];
}

/**
 * Where the build put the backend's .wasm files, and how many threads it may use; returns the
 * thread count asked for. Call once, before the backend starts.
 *
 * Without `maxThreads`, tfjs sizes its thread pool itself: at most half of
 * hardwareConcurrency (it assumes two hardware threads per core), so one thread on a 2-core
 * machine. That is what the app uses: on the 2-core machine it was measured on, model.fit on
 * our kernels ran 15–18% faster on one thread than on two (`npm run bench -- --threads-check`),
 * the second core being busy with the page and everything else. An explicit `maxThreads` (the
 * benchmark's check) is honoured even past that cap.
 */
export function prepareWasm(maxThreads?: number): number {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  // Threads need SharedArrayBuffer, which needs a cross-origin isolated page.
  const threads = self.crossOriginIsolated ? Math.max(1, Math.min(maxThreads ?? (navigator.hardwareConcurrency || 1), 8)) : 1;
  setThreadsCount(threads);
  if (maxThreads !== undefined && threads > 1) countEveryCoreForWasm();
  return threads;
}

/**
 * tfjs-backend-wasm's compiled code caps the pool at hardwareConcurrency / 2, reading it once
 * when the module starts; doubling what this worker's navigator reports before then lets the
 * count asked for stand. Only this worker's navigator changes.
 */
function countEveryCoreForWasm(): void {
  const logical = navigator.hardwareConcurrency;
  Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => logical * 2 });
}

let wasmThreads = 1;
let wasmConfigured = false;

/** How the wasm backend starts; the app takes the defaults, the benchmark varies them. */
export interface WasmOptions {
  /** false leaves tfjs-backend-wasm's kernels as it ships them: it then cannot train conv layers. */
  kernels?: boolean;
  /** At most this many threads (default: tfjs's own choice, half the logical cores). */
  threads?: number;
}

/** Make `name` the active backend; throws with the reason when it cannot start. */
export async function activate(name: BackendName, wasm: WasmOptions = {}): Promise<{ threads: number }> {
  if (name === 'wasm' && !wasmConfigured) {
    // Stock tfjs-backend-wasm cannot train conv layers without our kernels, and trains slowly without the rest.
    if (wasm.kernels ?? true) registerWasmKernels();
    wasmThreads = prepareWasm(wasm.threads);
    wasmConfigured = true;
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`the ${name} backend failed to initialise`);
  await tf.ready();
  // What the backend actually started with (1 when the threaded build could not load).
  return { threads: name === 'wasm' ? getThreadsCount() || wasmThreads : 1 };
}

export interface Chosen {
  name: BackendName;
  reason: string;
  threads: number;
}

/** What choosing needs from the browser; tests pass stand-ins. */
export interface ChooseDeps {
  probe: () => Promise<Probe[]>;
  start: (name: BackendName) => Promise<{ threads: number }>;
}

/** Start the chosen backend, or the first of "auto"'s order that starts. */
export async function choose(choice: BackendChoice, exclude: BackendName[] = [], deps: ChooseDeps = { probe: probeAll, start: (name) => activate(name) }): Promise<Chosen> {
  const probes = await deps.probe();
  const candidates =
    choice === 'auto'
      ? autoOrder(probes)
      : [{ name: choice, reason: `chosen by you (${probes.find((p) => p.name === choice)?.detail ?? ''})` }];
  const failures: string[] = [];
  for (const c of candidates.filter((c) => !exclude.includes(c.name))) {
    try {
      const { threads } = await deps.start(c.name);
      const reason = failures.length > 0 ? `${c.reason}; ${failures.join('; ')}` : c.reason;
      return { name: c.name, reason, threads };
    } catch (e) {
      failures.push(`${c.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`No backend could start: ${failures.join('; ') || 'none available'}`);
}

/** The next backend to fall back to after `failed`, in the fixed order. */
export function nextBackend(failed: BackendName): BackendName | null {
  const i = BACKENDS.indexOf(failed);
  return BACKENDS[i + 1] ?? null;
}
