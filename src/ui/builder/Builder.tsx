// The network builder: problems, palette, the stack of layers, totals and the diagram.
import { useMemo } from 'react';
import { analyze } from '../../model/analyze';
import { selectCustomClasses } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { Diagram } from './Diagram';
import { IssuesBanner } from './IssuesBanner';
import { LayerStack } from './LayerStack';
import { LockBanner } from './LockBanner';
import { Palette } from './Palette';
import { Totals } from './Totals';

export function Builder() {
  const architecture = useAppStore((s) => s.architecture);
  const customClasses = useAppStore(selectCustomClasses);
  const analysis = useMemo(() => analyze(architecture, customClasses), [architecture, customClasses]);
  return (
    <section className="builder" id="build" aria-labelledby="builder-title">
      <h2 id="builder-title" className="visually-hidden">
        Network builder
      </h2>
      <LockBanner />
      <IssuesBanner analysis={analysis} />
      <div className="builder-grid">
        <Palette />
        <div className="builder-stack">
          <LayerStack analysis={analysis} />
          <Totals totals={analysis.totals} />
        </div>
      </div>
      <Diagram analysis={analysis} />
    </section>
  );
}
