// "Lessons" in the header: opens the list of guided lessons (or closes it).
import { closeGuide, showLessonList } from '../../state/guide/lessonActions';
import { useAppStore } from '../../state/store';

export function GuideButton() {
  const panel = useAppStore((s) => s.guide.panel);
  const showing = panel === 'list';
  return (
    <button
      type="button"
      data-testid="guide-open"
      className={showing ? 'toggle on' : 'toggle'}
      aria-pressed={showing}
      onClick={() => (showing ? closeGuide() : showLessonList())}
      title="Guided lessons that follow the crash course, and challenges"
    >
      Lessons
    </button>
  );
}
