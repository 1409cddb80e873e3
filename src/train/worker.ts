// The training worker: a thin switch from commands to the session, and one handler per question.

import type { Handlers } from './answer';
import { answerQuestion, messageOf } from './answer';
import type { Answer, Command, ToWorker, WorkerEvent } from './protocol';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerEvent | Answer, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
const session = new Session(post);
const inspector = session.inspector;

/** Every question's handler (see protocol.ts on adding one): what it returns is the answer. */
const handlers: Handlers = {
  samples: (a) => session.samples(a.split, a.digit, a.count),
  memory: () => session.memory(),
  predict: (a) => inspector.predict(a.pixels, a.weights),
  featureMaps: (a) => inspector.featureMaps(a.source, a.weights),
  explain: (a) => inspector.explain(a),
  filters: (a) => inspector.filters(a.weights),
  testDigits: (a) => inspector.testDigits(a.query, a.offset, a.limit, a.weights),
  evaluate: (a) => session.replay.evaluate(a.weights),
  histograms: () => session.replay.histograms(),
  flips: (a) => session.replay.flips(a.from, a.to, a.limit),
  restoreCheckpoint: (a) => session.replay.restore(a.id),
  undoRestore: () => session.replay.undoRestore(),
  checkpointWeights: () => session.replay.checkpointWeights(),
  loadCheckpoints: (a) => session.replay.load(a.checkpoints, a.live),
  predictBatch: (a) => session.predictBatch(a.pixels),
  getWeights: () => session.getWeights(),
  loadWeights: (a) => session.loadWeights(a.architecture, a.weights, a.epochsDone),
  exportModel: (a) => session.exportModel(a.baseName, { dataset: a.dataset, classNames: a.classNames }),
  readModel: (a) => session.readModel(a.modelJson, a.weightFiles),
  augmentPreview: (a) => session.augmentPreview(a.ranges, a.count, a.seed),
};

function report(e: unknown) {
  post({ type: 'workerError', message: messageOf(e) });
}

function obey(command: Command): void {
  switch (command.type) {
    case 'setBackend':
      session.setBackend(command.choice).catch(report);
      break;
    case 'loadData':
      session.loadData(command.data).catch(() => undefined); // dataError was posted
      break;
    case 'start':
      void session.start(command.runId, command.architecture, command.settings, command.keepWeights, command.step, command.data);
      break;
    case 'step':
      session.step(command.runId, command.unit);
      break;
    case 'pause':
      session.pause(command.runId);
      break;
    case 'resume':
      session.resume(command.runId);
      break;
    case 'stop':
      session.stop(command.runId);
      break;
    case 'resetWeights':
      session.resetWeights();
      break;
    case 'shareWeights':
      session.attachInference(command.port);
      break;
    case 'receiveWeights':
      report(new Error('The training worker does not receive weights; that is the inference worker’s command.'));
      break;
    default: {
      const unknown: never = command;
      report(new Error(`Unknown command ${JSON.stringify(unknown)}`));
    }
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'question') void answerQuestion(handlers, message, post);
  else obey(message);
};
