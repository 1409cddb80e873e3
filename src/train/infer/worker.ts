// The inference worker: answers the drawn digit's guess from the weights the training worker
// shares, so a guess never waits for a training step (the other core is free). It speaks the
// training worker's protocol (protocol.ts), answering only `predict` and taking only `receiveWeights`.

import type { Handlers } from '../answer';
import { answerQuestion, messageOf } from '../answer';
import { activate } from '../backends';
import type { Answer, Command, ToWorker, WorkerEvent } from '../protocol';
import { Predictor } from './predictor';
import type { SharedWeights } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerEvent | Answer, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const predictor = new Predictor();
let port: MessagePort | null = null;

/**
 * WASM, as the training worker would choose on a CPU, else the plain-JavaScript backend: one
 * digit is little work. One thread: a second would compete with the training worker's. Ready
 * is said with a `backend` event; until then the page asks the training worker.
 */
async function start(): Promise<void> {
  const failures: string[] = [];
  for (const name of ['wasm', 'cpu'] as const) {
    try {
      const { threads } = await activate(name, { threads: 1 });
      post({ type: 'backend', name, reason: 'the inference worker answers the drawn digit’s guess', threads });
      return;
    } catch (e) {
      failures.push(`${name}: ${messageOf(e)}`);
    }
  }
  throw new Error(`The inference worker could not start a backend (${failures.join('; ')}).`);
}

const ready = start();
// Nothing is answered without a backend; the page keeps asking the training worker.
ready.catch((e: unknown) => post({ type: 'workerError', message: messageOf(e) }));

const handlers: Partial<Handlers> = {
  predict: async (a) => {
    // Only the live weights are shared with it; a checkpoint's guess is the training worker's (replay).
    if (a.weights?.kind === 'checkpoint') throw new Error('The inference worker holds only the live weights.');
    await ready;
    return predictor.predict(a.pixels);
  },
};

function obey(command: Command): void {
  if (command.type !== 'receiveWeights') {
    post({ type: 'workerError', message: `The inference worker takes no “${command.type}” command.` });
    return;
  }
  port?.close();
  predictor.drop();
  const own = command.port;
  port = own;
  // Taken in order once the backend is up; what an older port sent before then is dropped.
  own.onmessage = (e: MessageEvent<SharedWeights>) => {
    void ready.then(() => port === own && predictor.receive(e.data)).catch(() => undefined);
  };
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'question') void answerQuestion(handlers, message, post);
  else obey(message);
};
