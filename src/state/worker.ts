// The one path from the app to the workers: state actions command and ask through here, and the
// training worker's status (running, restarting after a crash, given up on) lands in the store.
// The drawn digit's guess goes to the inference worker beside it once that is up (see askGuess).
// No component and no other module touches a client (lint enforces it).

import type { WorkerLike, WorkerStatus } from '../train/client';
import { spawnInferenceWorker, TrainingClient } from '../train/client';
import type { Ask, Command, Prediction, QuestionName, Reply, Result, WorkerEvent } from '../train/protocol';
import type { InferenceLink } from './trainingSlice';
import { emitRunEvent } from './runEvents';
import { isRunning } from './selectors';
import { useAppStore } from './store';
import { foldWorkerEvent } from './workerEvents';

const NOT_RUNNING = 'The training worker is not running.';

/** Ask the worker a question; always settles, with its answer or an error to show. */
export function askWorker<N extends QuestionName>(name: N, args: Ask<N>, transfer: Transferable[] = []): Promise<Result<Reply<N>>> {
  const client = useAppStore.getState().client;
  if (!client) return Promise.resolve({ ok: false, error: NOT_RUNNING });
  if (name === 'predict') return askGuess(client, args as Ask<'predict'>) as Promise<Result<Reply<N>>>;
  return client.ask(name, args, transfer);
}

/**
 * The drawn digit's guess: the inference worker's when it is up and holds weights (it never waits
 * for a training step), else the training worker's, which always can. Pixels are copied, not
 * transferred, so the second ask has them too. A guess on a checkpoint (replay) is the training
 * worker's: the inference worker holds only the live weights.
 */
async function askGuess(training: TrainingClient, args: Ask<'predict'>): Promise<Result<Prediction>> {
  if (args.weights?.kind === 'checkpoint') return training.ask('predict', args);
  const inference = inferenceClient();
  if (inference) {
    const answer = await inference.ask('predict', args);
    if (answer.ok) return answer;
  }
  return training.ask('predict', args);
}

/** The inference worker's client if it can answer now; the first call starts it. */
function inferenceClient(): TrainingClient | null {
  const link = useAppStore.getState().inference;
  if (!link) return null;
  if (!link.client) {
    const client = new TrainingClient({ create: link.create, name: 'inference worker', onEvent: inferenceEvent, onStatus: inferenceStatus });
    setInference({ client, ready: false });
    linkWorkers();
    return null; // it answers once its backend is up
  }
  return link.ready && link.client.current.state === 'running' ? link.client : null;
}

function setInference(patch: Partial<InferenceLink>): void {
  const link = useAppStore.getState().inference;
  if (link) useAppStore.setState({ inference: { ...link, ...patch } });
}

/** The inference worker says only that its backend is up (and, rarely, that something failed). */
function inferenceEvent(event: WorkerEvent): void {
  if (event.type === 'backend') setInference({ ready: true });
}

/** A dead inference worker answers nothing (its open questions were settled; the training worker takes them); a restarted one is linked again. */
function inferenceStatus(status: WorkerStatus): void {
  if (status.state !== 'running') setInference({ ready: false });
  else if (status.generation > 1) linkWorkers();
}

/**
 * A fresh channel between the two workers: the training worker shares its weights on one end,
 * the inference worker answers from what arrives on the other (and drops what it had). Made
 * whenever either worker starts.
 */
function linkWorkers(): void {
  const { client, inference } = useAppStore.getState();
  if (!client || !inference?.client) return;
  const channel = new MessageChannel();
  if (!inference.client.command({ type: 'receiveWeights', port: channel.port1 }, [channel.port1])) return;
  client.command({ type: 'shareWeights', port: channel.port2 }, [channel.port2]);
}

/** Send the worker a command; false when there is no worker to take it. */
export function commandWorker(command: Command): boolean {
  return useAppStore.getState().client?.command(command) ?? false;
}

/** The worker died: its weights, its data and any run in it are gone. Say so and end the run. */
function lost(reason: string): void {
  const s = useAppStore.getState();
  const interrupted = s.run !== null && isRunning(s);
  if (interrupted && s.run) {
    useAppStore.setState({ run: { ...s.run, status: 'error', message: 'The training worker crashed.' } });
    emitRunEvent({ type: 'ended', runId: s.run.id, how: 'error' });
  }
  useAppStore.setState((st) => ({
    notice: `The training worker stopped unexpectedly (${reason}).${interrupted ? ' The run in progress was lost; start it again.' : ''}`,
    trainedKey: null,
    backend: null,
    data: { ...st.data, status: st.data.status === 'ready' ? 'idle' : st.data.status },
  }));
  emitRunEvent({ type: 'workerLost', reason });
}

function statusChanged(status: WorkerStatus): void {
  const before = useAppStore.getState().workerStatus;
  useAppStore.setState({ workerStatus: status });
  const wasUp = before.state === 'running';
  if (status.state === 'restarting') {
    if (wasUp) lost(status.reason);
    const seconds = (status.delayMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
    useAppStore.setState((s) => ({ notice: `${s.notice ?? ''} It restarts in ${seconds} s (attempt ${status.attempt} of ${status.maxAttempts}).`.trim() }));
  } else if (status.state === 'failed') {
    if (wasUp) lost(status.reason);
    useAppStore.setState((s) => ({
      notice: `${s.notice ?? ''} It failed ${status.attempts} times in a row, so it was not restarted again. Your network and saved work are kept; restart the worker to train again.`.trim(),
    }));
  } else if (status.state === 'running' && status.generation > 1) {
    useAppStore.setState((s) => ({ notice: s.notice?.replace(/ It restarts in .*$/, ' It was restarted.') ?? null }));
    commandWorker({ type: 'setBackend', choice: useAppStore.getState().backendChoice });
    linkWorkers();
    emitRunEvent({ type: 'workerBack' });
  }
}

/**
 * Start the training worker (or `create`'s, in tests) and connect it to the store; returns the
 * disconnect. The inference worker (or `createInference`'s) starts with the first guess asked;
 * tests that pass only `create` have none, and the training worker answers every guess.
 */
export function connectWorker(create?: () => WorkerLike, createInference: (() => WorkerLike) | null = create ? null : spawnInferenceWorker): () => void {
  const client = new TrainingClient({ create, onEvent: foldWorkerEvent, onStatus: statusChanged });
  const inference: InferenceLink | null = createInference ? { create: createInference, client: null, ready: false } : null;
  useAppStore.setState({ client, inference, workerStatus: client.current });
  commandWorker({ type: 'setBackend', choice: useAppStore.getState().backendChoice });
  return () => {
    const started = useAppStore.getState().inference?.client;
    useAppStore.setState({ client: null, inference: null });
    client.terminate();
    started?.terminate();
  };
}

/** After the worker was given up on: start a fresh one (the learner pressed Restart). */
export function restartWorker(): void {
  useAppStore.setState({ notice: null });
  useAppStore.getState().client?.restart();
}
