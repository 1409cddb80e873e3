// Watches the active GPU backend for loss (WebGL context lost, WebGPU device lost): tfjs itself
// never notices, and its pending reads then wait forever, so training would hang silently.

import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './protocol';

export interface BackendWatch {
  /** Resolves with a plain reason when the backend's device is gone; never resolves otherwise. */
  lost: Promise<string>;
  /** Stop watching (the backend was replaced). */
  stop(): void;
}

interface WebGlLike {
  gpgpu?: { gl?: WebGL2RenderingContext };
}
interface WebGpuLike {
  device?: { lost?: Promise<{ reason?: string; message?: string }> };
}

/** How often a WebGL context is polled for loss (ms); the event alone is not always delivered. */
const POLL_MS = 500;

/** `backend`: the engine's active backend (a stand-in in tests). */
export function watchBackend(name: BackendName, backend: () => unknown = () => tf.backend()): BackendWatch {
  let stop = () => undefined as void;
  const lost = new Promise<string>((resolve) => {
    if (name === 'webgl') {
      const gl = (backend() as WebGlLike).gpgpu?.gl;
      if (!gl) return;
      const timer = setInterval(() => {
        if (gl.isContextLost()) {
          clearInterval(timer);
          resolve('the WebGL context was lost (the GPU was reset or reclaimed by the browser)');
        }
      }, POLL_MS);
      stop = () => clearInterval(timer);
    } else if (name === 'webgpu') {
      let watching = true;
      (backend() as WebGpuLike).device?.lost?.then((info) => {
        if (watching) resolve(`the WebGPU device was lost (${info.message || info.reason || 'no reason given'})`);
      });
      stop = () => {
        watching = false;
      };
    }
    // WASM and CPU have no device to lose; their failures surface as thrown errors.
  });
  return { lost, stop: () => stop() };
}

/** Reject with `reason` as soon as the watched backend is lost, whichever comes first. */
export function unlessLost<T>(work: Promise<T>, watch: BackendWatch | null): Promise<T> {
  if (!watch) return work;
  return Promise.race([
    work,
    watch.lost.then((reason) => {
      throw new Error(reason);
    }),
  ]);
}
