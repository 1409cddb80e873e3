// Top bar: title, presets, undo/redo and the share link.
import { useState } from 'react';
import { findPresetId } from '../model/presets';
import { PRESETS } from '../model/presets';
import { loadPreset, redo, undo } from '../state/builderActions';
import { useAppStore } from '../state/store';
import { currentShareUrl } from '../state/url';
import { ModelsButton } from './persist/ModelsButton';
import { SectionNav } from './SectionNav';
import { GuideButton } from './guide/GuideButton';
import { LessonButton } from './present/LessonButton';
import { PresenterToggle } from './present/PresenterToggle';
import { ShortcutsButton } from './ShortcutsDialog';
import { ThemeSelect } from './ThemeSelect';

function PresetSelect() {
  const architecture = useAppStore((s) => s.architecture);
  const matching = findPresetId(architecture);
  const locked = useAppStore((s) => s.locked);
  return (
    <label className="field inline">
      <span>Network</span>
      <select data-testid="preset-select" disabled={locked} value={matching ?? 'custom'} onChange={(e) => loadPreset(e.target.value)}>
        {!matching && <option value="custom">Custom network</option>}
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ShareButton() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [url, setUrl] = useState('');
  const copy = async () => {
    const link = currentShareUrl();
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setStatus('copied');
      window.setTimeout(() => setStatus('idle'), 2000);
    } catch {
      setStatus('manual'); // No clipboard permission: show the link to copy by hand.
    }
  };
  return (
    <span className="share">
      <button type="button" data-testid="copy-link" onClick={() => void copy()}>
        {status === 'copied' ? 'Link copied ✓' : 'Copy link'}
      </button>
      {status === 'manual' && (
        <input className="share-url" aria-label="Share link" readOnly value={url} onFocus={(e) => e.currentTarget.select()} autoFocus />
      )}
    </span>
  );
}

export function Header() {
  const canUndo = useAppStore((s) => s.past.length > 0 && !s.locked);
  const canRedo = useAppStore((s) => s.future.length > 0 && !s.locked);
  return (
    <header className="header">
      <h1 className="brand">
        <img src="/favicon.svg" alt="" width={28} height={28} /> CNN Playground
      </h1>
      <div className="header-tools">
        <PresetSelect />
        <button type="button" data-testid="undo" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
          ↶ Undo
        </button>
        <button type="button" data-testid="redo" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          ↷ Redo
        </button>
        <ShareButton />
        <GuideButton />
        <ModelsButton />
        <LessonButton />
        <PresenterToggle />
        <ThemeSelect />
        <ShortcutsButton />
      </div>
      <SectionNav />
    </header>
  );
}
