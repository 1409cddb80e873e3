// "Look inside": first-layer filters, the confusion matrix and the misclassified digits (the feature maps are in the network view).
import { useAppStore } from '../../state/store';
import { weightsFit } from '../../state/selectors';
import { ConfusionMatrix } from './ConfusionMatrix';
import { FiltersView } from './FiltersView';
import { MistakesGallery } from './MistakesGallery';
import './inspect.css';

export function InspectSection() {
  const trained = useAppStore(weightsFit);
  return (
    <section className="panel inspect" id="inspect" aria-labelledby="inspect-title" data-testid="inspect-section">
      <h2 id="inspect-title">Look inside the network</h2>
      {trained ? (
        <div className="inspect-grid">
          <FiltersView />
          <ConfusionMatrix />
          <MistakesGallery />
        </div>
      ) : (
        <p className="muted" data-testid="inspect-no-model">
          Train a network first. While it trains you can watch its filters change (and every feature map, in the network view above); when it finishes,
          its confusion matrix and mistakes on the test set appear here.
        </p>
      )}
    </section>
  );
}
