// "Send my result": a result link and QR code that carry the learner's network, settings and figures to the teacher.
import { useEffect, useState } from 'react';
import type { ResultClaim } from '../../model/guide/resultLink';
import { MAX_NAME, resultHash } from '../../model/guide/resultLink';
import { LinkField, pageUrl } from '../present/LinkField';
import { QrCode } from '../present/QrCode';
import { useModal } from '../useModal';

function ResultBody({ claim, name, onName, onClose }: { claim: Omit<ResultClaim, 'name'>; name: string; onName: (n: string) => void; onClose: () => void }) {
  const [link, setLink] = useState<string | null>(null);
  const key = JSON.stringify({ ...claim, name });
  useEffect(() => {
    let live = true;
    void resultHash(JSON.parse(key) as ResultClaim).then((hash) => live && setLink(pageUrl() + hash));
    return () => {
      live = false;
    };
  }, [key]);
  return (
    <>
      <header className="models-head">
        <h2 id="result-title">Send your result</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <p className="hint">
        The link carries your network, its training settings and your figures ({claim.run.testError.toFixed(2)}% test error, {claim.run.epochs} epoch{claim.run.epochs === 1 ? '' : 's'}). Your teacher opens it to add it to the class table and can
        retrain your network to confirm it.
      </p>
      <label className="field">
        <span>Your name (as the class table will show it)</span>
        <input data-testid="result-name" value={name} maxLength={MAX_NAME} onChange={(e) => onName(e.target.value)} autoComplete="nickname" />
      </label>
      <LinkField link={link} label="Result link" testId="result-link" copyTestId="result-copy" />
      {link && <QrCode text={link} label="QR code of your result link" testId="result-qr" />}
    </>
  );
}

export interface ResultDialogProps {
  /** The run to send; null keeps the dialog closed. */
  claim: Omit<ResultClaim, 'name'> | null;
  name: string;
  onName: (name: string) => void;
  onClose: () => void;
}

export function ResultDialog(p: ResultDialogProps) {
  const dialog = useModal(p.claim !== null);
  return (
    <dialog ref={dialog} className="models-dialog lesson-dialog" data-testid="result-dialog" onClose={p.onClose} aria-labelledby="result-title">
      {p.claim && <ResultBody claim={p.claim} name={p.name} onName={p.onName} onClose={p.onClose} />}
    </dialog>
  );
}
