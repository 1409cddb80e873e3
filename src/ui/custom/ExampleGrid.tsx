// A class's examples as a grid of small images, each with a delete button; test examples marked.
import { isTestExample } from '../../model/customSplit';
import { DigitImage } from '../data/DigitImage';

export function ExampleGrid({ examples, className, onDelete }: { examples: readonly Uint8Array[]; className: string; onDelete: (index: number) => void }) {
  if (examples.length === 0) return <p className="muted small">No examples yet.</p>;
  return (
    <ol className="example-grid" data-testid="custom-examples">
      {examples.map((pixels, i) => {
        const test = isTestExample(i);
        return (
          // Examples have no identity beyond their place; deleting one renumbers the rest, as it should.
          <li key={i} className={test ? 'test' : undefined} data-testid="custom-example" data-test={test}>
            <DigitImage pixels={pixels} size={36} label={`${className}, example ${i + 1}${test ? ' (held out for the test)' : ''}`} />
            <button type="button" className="example-delete" aria-label={`Delete example ${i + 1} of ${className}`} onClick={() => onDelete(i)}>
              ×
            </button>
          </li>
        );
      })}
    </ol>
  );
}
