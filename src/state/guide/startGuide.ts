// Starts the guide: puts back what a previous visit left, keeps it stored, and re-checks the open step as the app changes.

import { onRunEvent } from '../runEvents';
import { useAppStore } from '../store';
import { followRetraining } from './challengeActions';
import { liveCheck, openStep, patchGuide, refreshInspected } from './lessonActions';
import { readGuideStorage, writeGuideStorage } from './storage';

/** Returns the function that stops it. */
export function startGuide(): () => void {
  const stored = readGuideStorage();
  // A lesson that was open comes back open (small, so a reload never covers the page unasked).
  patchGuide({ ...stored, panel: stored.progress.open ? 'minimized' : 'closed' });
  const stopEvents = onRunEvent(followRetraining);
  const stopStore = useAppStore.subscribe((s, prev) => {
    if (s.guide !== prev.guide) writeGuideStorage(s.guide, prev.guide);
    // Only a step about a test digit needs its label and guess; the worker is not asked otherwise.
    const digitChanged = s.inspectSource !== prev.inspectSource || s.trainedKey !== prev.trainedKey || s.evaluation !== prev.evaluation || s.guide.progress !== prev.guide.progress;
    if (digitChanged && openStep(s.guide)?.step.task?.kind === 'explore') void refreshInspected();
    if (
      s.architecture !== prev.architecture ||
      s.history.runs !== prev.history.runs ||
      s.run?.status !== prev.run?.status ||
      s.trainedKey !== prev.trainedKey ||
      s.selectedUnit !== prev.selectedUnit ||
      s.guide.inspected !== prev.guide.inspected ||
      s.guide.progress.open !== prev.guide.progress.open
    ) {
      liveCheck();
    }
  });
  return () => {
    stopEvents();
    stopStore();
  };
}
