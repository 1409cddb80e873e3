// A fake Worker that answers with the worker's real handlers for reading and loading models, in
// the test's own thread (tfjs on the CPU backend), so files go through the whole app path.

import type { WorkerLike } from '../train/client';
import type { Handlers } from '../train/answer';
import { answerQuestion } from '../train/answer';
import { modelWithWeights, readModelFiles } from '../train/modelFiles';
import { FakeWorker } from '../train/fakeWorker';
import type { ToWorker } from '../train/protocol';

const handlers = {
  readModel: async ({ modelJson, weightFiles }) => {
    const read = await readModelFiles(modelJson, weightFiles);
    if (!read.ok) throw new Error(read.error);
    return { architecture: read.architecture, weights: read.weights, epochsDone: read.epochsDone };
  },
  loadWeights: ({ architecture, weights }) => {
    modelWithWeights(architecture, weights).dispose();
    return null;
  },
} as Partial<Handlers> as Handlers;

export function bridgeWorker(): WorkerLike {
  const worker = new FakeWorker();
  worker.postMessage = (message: ToWorker) => {
    if (message.type !== 'question') return;
    // Structured clone, as postMessage would: nothing is shared between the two sides.
    void answerQuestion(handlers, structuredClone(message), (answer) => worker.emit(structuredClone(answer)));
  };
  return worker;
}
