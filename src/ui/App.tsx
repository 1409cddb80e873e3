// The page: header with network-wide commands; the builder, network, pad and curves beside the training panel; then the rest.
import { Builder } from './builder/Builder';
import { PendingEditDialog } from './builder/PendingEditDialog';
import { LearningCurves } from './curves/LearningCurves';
import { CustomEditor } from './custom/CustomEditor';
import { MyDigits } from './custom/MyDigits';
import { DatasetSection } from './data/DatasetSection';
import { DrawPanel } from './draw/DrawPanel';
import { NetworkPanel } from './explain/NetworkPanel';
import { InspectSection } from './inspect/InspectSection';
import { ClassTableSection } from './guide/ClassTableSection';
import { GuideDock } from './guide/GuideDock';
import { Header } from './Header';
import { RunHistory } from './history/RunHistory';
import { useShortcuts } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { ReplaySection } from './replay/ReplaySection';
import { ResultsPanel } from './results/ResultsPanel';
import { TrainingPanel } from './training/TrainingPanel';

export function App() {
  useShortcuts();
  return (
    <div className="app">
      <Header />
      {/* Wide screens: the training panel stays beside everything in the left column (the builder, the
          network, the pad, the curves), so a class watches the network learn next to Train. */}
      <main className="main">
        <Builder />
        <TrainingPanel />
        <NetworkPanel />
        <DrawPanel />
        <LearningCurves />
      </main>
      <ReplaySection />
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
