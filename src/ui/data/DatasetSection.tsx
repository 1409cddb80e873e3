// A section that loads and shows the dataset only once someone opens it.
import { useState } from 'react';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { DatasetView } from './DatasetView';

export function DatasetSection() {
  const [open, setOpen] = useState(false);
  const info = useAppStore(selectDatasetInfo);
  return (
    <details className="dataset-section" id="digits" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="dataset-toggle">Browse the {info.id === 'mnist' ? 'MNIST digits' : info.id === 'custom' ? 'your own classes as the network trains on them' : info.name}</summary>
      {open && <DatasetView />}
    </details>
  );
}
