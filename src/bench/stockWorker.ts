// Benchmark worker: trains a preset with stock tfjs model.fit (no kernels of ours registered, unless asked), for comparison.

import * as tf from '@tensorflow/tfjs';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
import { activate, probeAll } from '../train/backends';
import { buildModel } from '../train/buildModel';
import { makeBatch } from '../train/dataset';
import { loadDataset } from '../train/loadDataset';
import { splitData } from '../train/trainer';
import { evaluateTime, profileSteps } from './profile';
import type { EvaluateResult, FromStockWorker, ProfileResult, StockRequest, StockResult, ToStockWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromStockWorker) => scope.postMessage(message);

/** The first `count` training digits the app would use for this subset, as model.fit inputs. */
async function trainingTensors(count: number, side: number): Promise<{ xs: tf.Tensor; ys: tf.Tensor }> {
  const { bytes } = await loadDataset('mnist', () => undefined);
  const data = splitData(bytes, { ...DEFAULT_SETTINGS, subset: Math.min(60_000, Math.ceil(count / 0.9) + 1), validation: 'holdout' });
  const ids = Array.from(data.trainIndices.subarray(0, count));
  const { xs, labels } = makeBatch(data.train, ids, side);
  const ys = tf.oneHot(labels, 10);
  labels.dispose();
  return { xs, ys };
}

async function train(request: StockRequest): Promise<StockResult> {
  const preset = findPreset(request.presetId);
  if (!preset) return { ok: false, error: `unknown preset ${request.presetId}` };
  const { threads } = await activate(request.backend, { kernels: request.kernels ?? false, threads: request.threads });
  const side = preset.architecture.input.height;
  const warmup = request.warmupBatches * request.batchSize;
  const { xs, ys } = await trainingTensors(warmup + request.examples, side);
  const model = buildModel(preset.architecture, DEFAULT_SETTINGS.seed);
  model.compile({ optimizer: tf.train.adam(DEFAULT_SETTINGS.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  try {
    const fit = async (start: number, size: number) => {
      const [x, y] = [xs.slice(start, size), ys.slice(start, size)];
      try {
        const history = await model.fit(x, y, { batchSize: request.batchSize, epochs: 1, shuffle: false, verbose: 0 });
        const loss = history.history.loss?.[0];
        if (typeof loss !== 'number' || !Number.isFinite(loss)) throw new Error(`model.fit gave loss ${String(loss)}`);
      } finally {
        tf.dispose([x, y]);
      }
    };
    if (warmup > 0) await fit(0, warmup);
    const started = performance.now();
    await fit(warmup, request.examples);
    const seconds = (performance.now() - started) / 1000;
    return { ok: true, examplesPerSecond: request.examples / seconds, examples: request.examples, seconds, threads };
  } finally {
    model.dispose();
    tf.dispose([xs, ys]);
  }
}

scope.onmessage = (event: MessageEvent<ToStockWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'probe':
      void probeAll().then((backends) => post({ type: 'probe', backends }));
      break;
    case 'train':
      train(msg.request)
        .catch((e: unknown): StockResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) }))
        .then((result) => post({ type: 'train', result }));
      break;
    case 'profile':
      profileSteps(msg.request)
        .catch((e: unknown): ProfileResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) }))
        .then((result) => post({ type: 'profile', result }));
      break;
    case 'evaluate':
      evaluateTime(msg.request)
        .catch((e: unknown): EvaluateResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) }))
        .then((result) => post({ type: 'evaluate', result }));
      break;
    default: {
      const unknown: never = msg;
      throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
    }
  }
};
