// A section that loads and shows the dataset only once someone opens it.
import { useState } from 'react';
import { DatasetView } from './DatasetView';

export function DatasetSection() {
  const [open, setOpen] = useState(false);
  return (
    <details className="dataset-section" id="digits" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="dataset-toggle">Browse the MNIST digits</summary>
      {open && <DatasetView />}
    </details>
  );
}
