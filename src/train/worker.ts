// The training worker: a thin switch from typed messages to the session.

import type { FromWorker, ToWorker } from './protocol';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const session = new Session(post);

function report(e: unknown) {
  post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'setBackend':
      session.setBackend(msg.choice).catch(report);
      break;
    case 'loadData':
      session.loadData().catch(() => undefined); // dataError was posted
      break;
    case 'samples':
      session.samples(msg.requestId, msg.split, msg.digit, msg.count).catch(() => undefined);
      break;
    case 'start':
      void session.start(msg.runId, msg.architecture, msg.settings, msg.keepWeights, msg.step);
      break;
    case 'step':
      session.step(msg.runId, msg.unit);
      break;
    case 'pause':
      session.pause(msg.runId);
      break;
    case 'resume':
      session.resume(msg.runId);
      break;
    case 'stop':
      session.stop(msg.runId);
      break;
    case 'resetWeights':
      session.resetWeights();
      break;
    case 'memory':
      session.memory(msg.requestId);
      break;
    case 'predict':
      void session.inspector.predict(msg.requestId, msg.pixels);
      break;
    case 'featureMaps':
      void session.inspector.featureMaps(msg.requestId, msg.source);
      break;
    case 'explain':
      void session.inspector.explain(msg.requestId, msg.question);
      break;
    case 'filters':
      void session.inspector.filters(msg.requestId);
      break;
    case 'testDigits':
      void session.inspector.testDigits(msg.requestId, msg.query, msg.offset, msg.limit);
      break;
    case 'predictBatch':
      void session.predictBatch(msg.requestId, msg.pixels);
      break;
    case 'getWeights':
      void session.getWeights(msg.requestId);
      break;
    case 'loadWeights':
      void session.loadWeights(msg.requestId, msg.architecture, msg.weights, msg.epochsDone);
      break;
    case 'exportModel':
      void session.exportModel(msg.requestId, msg.baseName);
      break;
    case 'readModel':
      void session.readModel(msg.requestId, msg.modelJson, msg.weightFiles);
      break;
    case 'augmentPreview':
      void session.augmentPreview(msg.requestId, msg.ranges, msg.count, msg.seed);
      break;
    default: {
      const unknown: never = msg;
      report(new Error(`Unknown message ${JSON.stringify(unknown)}`));
    }
  }
};
