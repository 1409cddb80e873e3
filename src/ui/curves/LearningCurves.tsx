// Live learning curves of the current run: the progress bar, then the charts.
import './curves.css';
import { useAppStore } from '../../state/store';
import { PenaltyNote } from '../common/PenaltyNote';
import { LiveCharts } from './LiveCharts';
import { TrainingProgress } from './TrainingProgress';

export function LearningCurves() {
  const hasRun = useAppStore((s) => s.run !== null);
  if (!hasRun) return null;
  // The charts are light SVG drawn by our own code: they mount with the run and redraw only while on screen.
  return (
    <section className="panel curves" id="learning-curves" data-testid="learning-curves" aria-labelledby="curves-title">
      <h2 id="curves-title">Learning curves</h2>
      <TrainingProgress />
      <PenaltyNote />
      <LiveCharts />
    </section>
  );
}
