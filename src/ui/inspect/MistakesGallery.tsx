// Every misclassified test digit, the network's most confident mistakes first.
import { groupDigits } from '../../model/format';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { DigitList } from './DigitList';
import { useShownWeights } from './hooks';
import { ShownMoment } from './ShownMoment';

export function MistakesGallery() {
  const shown = useShownWeights(2000);
  const evaluated = useAppStore((s) => s.evaluation !== null) || shown.checkpoint !== null;
  const testCount = useAppStore((s) => s.evaluation?.testCount ?? 10_000);
  const noun = useAppStore((s) => selectDatasetInfo(s).noun);
  return (
    <section className="inspect-panel mistakes" aria-labelledby="mistakes-title" data-testid="mistakes-panel">
      <h3 id="mistakes-title">Misclassified test {noun}s</h3>
      <ShownMoment checkpoint={shown.checkpoint} />
      {evaluated ? (
        <DigitList
          weights={shown.ref}
          query={{ kind: 'mistakes' }}
          pageSize={60}
          testId="mistakes-gallery"
          describe={(total) =>
            total === 0
              ? `None: every test ${noun} was classified correctly.`
              : `${groupDigits(total)} of the ${groupDigits(testCount)} test ${noun}s, most confident mistakes first. Each tile: true label → guess, and the confidence of the guess. Click one to see its feature maps.`
          }
        />
      ) : (
        <p className="muted">The mistakes appear when a run ends and the test set has been scored.</p>
      )}
    </section>
  );
}
