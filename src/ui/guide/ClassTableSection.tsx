// The class results section on the teacher's device: shown once a result link has been opened here.
import { useMemo } from 'react';
import { rankTable } from '../../model/guide/classTable';
import { dismissGuideMessage, openClassEntry, removeClassEntry, retrainClassEntry } from '../../state/guide/challengeActions';
import { useAppStore } from '../../state/store';
import { isRunning } from '../../state/selectors';
import { ClassTable } from './ClassTable';
import './guide.css';

export function ClassTableSection() {
  const table = useAppStore((s) => s.guide.classTable);
  const message = useAppStore((s) => s.guide.message);
  const retraining = useAppStore((s) => s.guide.retraining?.entryId ?? null);
  const running = useAppStore(isRunning);
  const groups = useMemo(() => rankTable(table), [table]);
  if (table.entries.length === 0) return null;
  return (
    <section className="panel class-results" id="class-table" aria-labelledby="class-title" data-testid="class-results">
      <h2 id="class-title">Class results</h2>
      {message && (
        <p className="guide-note" role="status" data-testid="class-message">
          {message}{' '}
          <button type="button" className="link-button" onClick={dismissGuideMessage}>
            OK
          </button>
        </p>
      )}
      <ClassTable
        groups={groups}
        retraining={retraining}
        retrainBlocked={running && retraining === null ? 'A run is going: Retrain waits until it ends.' : null}
        onOpen={(e) => void openClassEntry(e)}
        onRetrain={(e) => void retrainClassEntry(e)}
        onRemove={removeClassEntry}
      />
    </section>
  );
}
