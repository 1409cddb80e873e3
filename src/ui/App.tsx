// The page: header with network-wide commands, then the builder.
import { Builder } from './builder/Builder';
import { PendingEditDialog } from './builder/PendingEditDialog';
import { LearningCurves } from './curves/LearningCurves';
import { CustomEditor } from './custom/CustomEditor';
import { MyDigits } from './custom/MyDigits';
import { DatasetSection } from './data/DatasetSection';
import { DrawPanel } from './draw/DrawPanel';
import { InspectSection } from './inspect/InspectSection';
import { ClassTableSection } from './guide/ClassTableSection';
import { GuideDock } from './guide/GuideDock';
import { Header } from './Header';
import { RunHistory } from './history/RunHistory';
import { useShortcuts } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { ResultsPanel } from './results/ResultsPanel';
import { TrainingPanel } from './training/TrainingPanel';

export function App() {
  useShortcuts();
  return (
    <div className="app">
      <Header />
      <main className="main">
        <Builder />
        <TrainingPanel />
      </main>
      <LearningCurves />
      <DrawPanel />
      <CustomEditor />
      <MyDigits />
      <InspectSection />
      <RunHistory />
      <ResultsPanel />
      <ClassTableSection />
      <DatasetSection />
      <PendingEditDialog />
      <ShortcutsDialog />
      <GuideDock />
    </div>
  );
}
