// Live learning curves of the current run: the progress bar, then the charts (recharts loads only once they come into view).
import { lazy, Suspense, useState } from 'react';
import './curves.css';
import { useAppStore } from '../../state/store';
import { PenaltyNote } from '../common/PenaltyNote';
import { TrainingProgress } from './TrainingProgress';
import { useVisible } from './useVisible';

// recharts is most of the charts' weight: neither the first page load nor a run whose charts
// nobody has scrolled to pays for it.
const LiveCharts = lazy(() => import('./LiveCharts').then((m) => ({ default: m.LiveCharts })));

function Placeholder() {
  return <p className="muted charts-placeholder">Loading the charts…</p>;
}

export function LearningCurves() {
  const hasRun = useAppStore((s) => s.run !== null);
  const [section, setSection] = useState<HTMLElement | null>(null);
  const visible = useVisible(section);
  // Once shown, the charts stay mounted (they stop redrawing by themselves when scrolled away).
  const [seen, setSeen] = useState(false);
  if (visible && !seen) setSeen(true);
  if (!hasRun) return null;
  return (
    <section ref={setSection} className="panel curves" id="learning-curves" data-testid="learning-curves" aria-labelledby="curves-title">
      <h2 id="curves-title">Learning curves</h2>
      <TrainingProgress />
      <PenaltyNote />
      {seen ? (
        <Suspense fallback={<Placeholder />}>
          <LiveCharts />
        </Suspense>
      ) : (
        <Placeholder />
      )}
    </section>
  );
}
