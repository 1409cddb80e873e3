// Live learning curves of the current run: the progress bar, then the charts (loaded with recharts only once a run starts).
import { lazy, Suspense } from 'react';
import './curves.css';
import { useAppStore } from '../../state/store';
import { TrainingProgress } from './TrainingProgress';

// recharts is most of the charts' weight; the first page load does without it.
const LiveCharts = lazy(() => import('./LiveCharts').then((m) => ({ default: m.LiveCharts })));

export function LearningCurves() {
  const hasRun = useAppStore((s) => s.run !== null);
  if (!hasRun) return null;
  return (
    <section className="panel curves" id="learning-curves" data-testid="learning-curves" aria-labelledby="curves-title">
      <h2 id="curves-title">Learning curves</h2>
      <TrainingProgress />
      <Suspense fallback={<p className="muted">Loading the charts…</p>}>
        <LiveCharts />
      </Suspense>
    </section>
  );
}
