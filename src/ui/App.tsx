// The page: header with network-wide commands, then the builder.
import { useEffect } from 'react';
import { redo, undo } from '../state/builderActions';
import { Builder } from './builder/Builder';
import { PendingEditDialog } from './builder/PendingEditDialog';
import { DatasetSection } from './data/DatasetSection';
import { Header } from './Header';
import { ResultsPanel } from './results/ResultsPanel';
import { TrainingPanel } from './training/TrainingPanel';

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo — except inside fields, which have their own. */
function useUndoShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  useUndoShortcuts();
  return (
    <div className="app">
      <Header />
      <main className="main">
        <Builder />
        <TrainingPanel />
      </main>
      <ResultsPanel />
      <DatasetSection />
      <PendingEditDialog />
    </div>
  );
}
