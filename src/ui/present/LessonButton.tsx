// "Lesson link": a link (and QR code) that opens this network, and optionally its settings,
// locked, in presenter mode, at a guided lesson and with a challenge, on the learners' own devices.
import { useEffect, useState } from 'react';
import type { Challenge } from '../../model/guide/challenge';
import { LESSONS } from '../../model/guide/lessons';
import type { Lesson } from '../../model/lesson';
import { compressedLessonHash, lessonHash } from '../../model/lesson';
import { useAppStore } from '../../state/store';
import { ChallengeEditor } from '../guide/ChallengeEditor';
import { useModal } from '../useModal';
import { LinkField, pageUrl } from './LinkField';
import { QrCode } from './QrCode';
import './present.css';

function LessonDialog({ onClose }: { onClose: () => void }) {
  const architecture = useAppStore((s) => s.architecture);
  const settings = useAppStore((s) => s.settings);
  const [withSettings, setWithSettings] = useState(true);
  const [locked, setLocked] = useState(true);
  const [presenter, setPresenter] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [guide, setGuide] = useState('');
  const [short, setShort] = useState<string | null>(null);
  const lesson: Lesson = { architecture, settings: withSettings ? settings : null, locked, presenter, ...(challenge ? { challenge } : {}), ...(guide ? { guide } : {}) };
  const readable = pageUrl() + lessonHash(lesson);
  const key = JSON.stringify(lesson);
  useEffect(() => {
    let live = true;
    void compressedLessonHash(JSON.parse(key) as Lesson).then((hash) => live && setShort(pageUrl() + hash));
    return () => {
      live = false;
    };
  }, [key]);
  const link = short ?? readable;
  return (
    <>
      <header className="models-head">
        <h2 id="lesson-title">Lesson link</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <p className="hint">Learners who open this link, or scan the code, get this network on their own device.</p>
      <div className="lesson-options">
        <label>
          <input type="checkbox" data-testid="lesson-settings" checked={withSettings} onChange={(e) => setWithSettings(e.target.checked)} /> include the training settings
        </label>
        <label>
          <input type="checkbox" data-testid="lesson-lock" checked={locked} onChange={(e) => setLocked(e.target.checked)} /> lock the builder (learners can unlock it)
        </label>
        <label>
          <input type="checkbox" data-testid="lesson-presenter" checked={presenter} onChange={(e) => setPresenter(e.target.checked)} /> open in presenter mode
        </label>
      </div>
      <label className="field">
        <span>Open a guided lesson (it may put its own network in the builder; leave the builder unlocked for it)</span>
        <select data-testid="lesson-guide" value={guide} onChange={(e) => setGuide(e.target.value)}>
          <option value="">none</option>
          {LESSONS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.number}. {l.title}
            </option>
          ))}
        </select>
      </label>
      <ChallengeEditor onChange={setChallenge} />
      <LinkField link={link} label="Lesson link" testId="lesson-link" copyTestId="lesson-copy" />
      <QrCode text={link} label="QR code of the lesson link" />
    </>
  );
}

export function LessonButton() {
  const [open, setOpen] = useState(false);
  const dialog = useModal(open);
  return (
    <>
      <button type="button" data-testid="lesson-open" onClick={() => setOpen(true)} title="A link and QR code that open this network on learners' devices">
        Lesson link…
      </button>
      <dialog ref={dialog} className="models-dialog lesson-dialog" data-testid="lesson-dialog" onClose={() => setOpen(false)} aria-labelledby="lesson-title">
        {open && <LessonDialog onClose={() => setOpen(false)} />}
      </dialog>
    </>
  );
}
