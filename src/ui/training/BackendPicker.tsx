// Which tfjs backend trains the network, the one in use, and why it was chosen.
import type { BackendChoice } from '../../train/protocol';
import { continueOnBackend, setBackendChoice } from '../../state/trainingActions';
import { useAppStore } from '../../state/store';
import { isRunning } from '../../state/selectors';

const LABELS: Record<BackendChoice, string> = {
  auto: 'Auto (fastest available)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly (CPU)',
  cpu: 'Plain JavaScript (CPU)',
};

export function BackendPicker() {
  const choice = useAppStore((s) => s.backendChoice);
  const backend = useAppStore((s) => s.backend);
  const backendError = useAppStore((s) => s.backendError);
  const running = useAppStore(isRunning);
  return (
    <div className="backend">
      <label className="field inline">
        <span>Backend</span>
        <select data-testid="backend-select" value={choice} disabled={running} onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}>
          {(Object.keys(LABELS) as BackendChoice[]).map((b) => (
            <option key={b} value={b}>
              {LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <p className="backend-active" data-testid="backend-active" data-value={backend?.name ?? ''} aria-live="polite">
        {backend ? (
          <>
            Using <strong>{backend.name}</strong>
            <span className="advanced">
              {backend.name === 'wasm' && ` with ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`} — {backend.reason}
            </span>
          </>
        ) : (
          'Starting a backend…'
        )}
      </p>
      {backendError && (
        <p className="error-text" role="alert" data-testid="backend-error">
          {backendError.name} failed: {backendError.message}.{' '}
          {backendError.next && !running ? (
            <button type="button" data-testid="backend-continue" onClick={() => continueOnBackend(backendError.next!)}>
              Continue on {LABELS[backendError.next]}
            </button>
          ) : (
            'Choose another backend above, then press Continue to go on from the kept weights.'
          )}
        </p>
      )}
    </div>
  );
}
