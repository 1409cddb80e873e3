// The dataset the network trains on: the picker, its class names, how its images are made, and whether its figures compare with published ones.
import { DATASET_IDS, DATASETS } from '../../model/datasets';
import type { DatasetId } from '../../model/datasets';
import { chooseDataset } from '../../state/datasetActions';
import { selectClassNames, selectDatasetInfo } from '../../state/datasetSelectors';
import { isRunning } from '../../state/selectors';
import { useAppStore } from '../../state/store';

export function DatasetPicker() {
  const info = useAppStore(selectDatasetInfo);
  const names = useAppStore(selectClassNames);
  const busy = useAppStore((s) => isRunning(s) || s.locked);
  return (
    <div className="dataset-picker">
      <label className="field inline">
        <span>data</span>
        <select data-testid="dataset-select" value={info.id} disabled={busy} onChange={(e) => chooseDataset(e.target.value as DatasetId)}>
          {DATASET_IDS.map((id) => (
            <option key={id} value={id}>
              {DATASETS[id].name}
            </option>
          ))}
        </select>
      </label>
      <p className="class-names small" data-testid="class-names" data-value={JSON.stringify(names)}>
        {names.length > 0 ? (
          <>
            {names.length} classes: <span className="class-list">{names.join(' · ')}</span>
          </>
        ) : (
          <span className="muted">No classes yet: add them in “Your own classes” below.</span>
        )}
      </p>
      <p className="hint">{info.preparationNote}</p>
      {info.comparabilityNote && (
        <p className="hint comparability" data-testid="dataset-comparability">
          {info.comparabilityNote}
        </p>
      )}
    </div>
  );
}
