// The inference worker: a thin switch. It answers guesses for the drawn digit from the weights the
// training worker shares, so a guess never waits for a training step (the other core is free).

import { activate } from '../backends';
import { Predictor } from './predictor';
import type { FromInferenceWorker, SharedWeights, ToInferenceWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromInferenceWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const predictor = new Predictor();
let port: MessagePort | null = null;

/** WASM as the training worker would choose on a CPU, else the plain-JavaScript backend: one digit is little work. */
async function start(): Promise<void> {
  for (const name of ['wasm', 'cpu'] as const) {
    try {
      await activate(name);
      post({ type: 'ready', backend: name });
      return;
    } catch {
      // try the next
    }
  }
  post({ type: 'failed', message: 'no backend could start' });
}

const ready = start();

scope.onmessage = (event: MessageEvent<ToInferenceWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'weightsPort':
      port?.close();
      port = msg.port;
      predictor.receive({ type: 'clear' });
      port.onmessage = (e: MessageEvent<SharedWeights>) => {
        void ready.then(() => predictor.receive(e.data));
      };
      break;
    case 'predict':
      void ready
        .then(() => predictor.predict(msg.pixels))
        .then((answer) => post({ type: 'predict', requestId: msg.requestId, answer }, answer.ok ? [answer.value.probabilities.buffer as ArrayBuffer] : []));
      break;
    default: {
      const unknown: never = msg;
      throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
    }
  }
};
