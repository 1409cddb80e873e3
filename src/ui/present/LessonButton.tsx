// "Lesson link": a link (and QR code) that opens this network, and optionally its settings,
// locked and in presenter mode, on the learners' own devices.
import { useEffect, useState } from 'react';
import type { Lesson } from '../../model/lesson';
import { compressedLessonHash, lessonHash } from '../../model/lesson';
import { useAppStore } from '../../state/store';
import { useModal } from '../useModal';
import { qrImage } from './qr';
import './present.css';

function pageUrl(): string {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search;
}

function QrCode({ text }: { text: string }) {
  const qr = qrImage(text);
  return (
    <svg className="qr" data-testid="lesson-qr" data-text={text} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label="QR code of the lesson link" shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}

function LessonDialog({ onClose }: { onClose: () => void }) {
  const architecture = useAppStore((s) => s.architecture);
  const settings = useAppStore((s) => s.settings);
  const [withSettings, setWithSettings] = useState(true);
  const [locked, setLocked] = useState(true);
  const [presenter, setPresenter] = useState(false);
  const [short, setShort] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const lesson: Lesson = { architecture, settings: withSettings ? settings : null, locked, presenter };
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
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // the link is selectable in the field
    }
  };
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
      <div className="lesson-link">
        <input readOnly aria-label="Lesson link" data-testid="lesson-link" value={link} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" data-testid="lesson-copy" onClick={() => void copy()}>
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      <QrCode text={link} />
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
