// The one path from the app to the training worker: state actions command and ask through here,
// and the worker's status (running, restarting after a crash, given up on) lands in the store.
// No component and no other module touches the client (lint enforces it).

import type { WorkerLike, WorkerStatus } from '../train/client';
import { TrainingClient } from '../train/client';
import type { Ask, Command, QuestionName, Reply, Result } from '../train/protocol';
import { emitRunEvent } from './runEvents';
import { isRunning } from './selectors';
import { useAppStore } from './store';
import { foldWorkerEvent } from './workerEvents';

const NOT_RUNNING = 'The training worker is not running.';

/** Ask the worker a question; always settles, with its answer or an error to show. */
export function askWorker<N extends QuestionName>(name: N, args: Ask<N>, transfer: Transferable[] = []): Promise<Result<Reply<N>>> {
  const client = useAppStore.getState().client;
  if (!client) return Promise.resolve({ ok: false, error: NOT_RUNNING });
  return client.ask(name, args, transfer);
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
    emitRunEvent({ type: 'workerBack' });
  }
}

/** Start the training worker (or `create`'s, in tests) and connect it to the store; returns the disconnect. */
export function connectWorker(create?: () => WorkerLike): () => void {
  const client = new TrainingClient({ create, onEvent: foldWorkerEvent, onStatus: statusChanged });
  useAppStore.setState({ client, workerStatus: client.current });
  commandWorker({ type: 'setBackend', choice: useAppStore.getState().backendChoice });
  return () => {
    useAppStore.setState({ client: null });
    client.terminate();
  };
}

/** After the worker was given up on: start a fresh one (the learner pressed Restart). */
export function restartWorker(): void {
  useAppStore.setState({ notice: null });
  useAppStore.getState().client?.restart();
}
