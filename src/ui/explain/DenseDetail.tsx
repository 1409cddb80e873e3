// A dense unit written out: its largest contributions (weight × input), the rest, the sum plus bias, the activation;
// after a Flatten, every contribution laid back onto the maps it came from.
import { useEffect, useRef } from 'react';
import type { Explanation } from '../../model/explanation';
import { groupDigits } from '../../model/format';
import { volumeCell } from '../../model/units';
import { css, largestMagnitude, num, paintCells, signedColor } from './colors';
import type { Detail } from './detailMath';
import { inputOf } from './detailMath';
import { ActivationLine, Regularizer } from './DetailParts';

type DenseData = Extract<Detail, { kind: 'dense' }>;

/** The maps a dense layer's inputs were flattened from, when its input is a Flatten (through Dropouts): [h, w, c], or null. */
export function flattenedFrom(e: Explanation, layer: number): { shape: [number, number, number]; layer: number } | null {
  let l = layer - 1;
  while (l >= 0 && e.architecture.layers[l]?.type === 'dropout') l--;
  if (l < 0 || e.architecture.layers[l]?.type !== 'flatten') return null;
  const shape = inputOf(e, l).shape;
  return shape.length === 3 ? { shape: shape as [number, number, number], layer: l - 1 } : null;
}

function ContributionMaps({ products, shape, from }: { products: Float64Array; shape: [number, number, number]; from: number }) {
  const [h, w, c] = shape;
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const max = largestMagnitude(products);
  useEffect(() => {
    for (let k = 0; k < c; k++) paintCells(canvases.current[k] ?? null, w, h, (i) => signedColor(products[i * c + k]!, max));
  }, [products, h, w, c, max]);
  const cell = Math.max(3, Math.min(6, Math.floor(96 / w)));
  return (
    <figure className="contribution-maps" data-testid="contribution-maps">
      <figcaption>
        Every weight × input laid back where it came from: {c === 1 ? 'the image' : `the ${c} maps of ${from < 0 ? 'the input' : `layer ${from + 1}`}`} (orange pushed this unit up, blue down)
      </figcaption>
      <div className="contribution-grid">
        {Array.from({ length: c }, (_, k) => (
          <canvas key={k} ref={(el) => void (canvases.current[k] = el)} width={w} height={h} style={{ width: w * cell, height: h * cell }} role="img" aria-label={`contributions from map ${k + 1}`} />
        ))}
      </div>
    </figure>
  );
}

export function DenseDetail({ detail, value, explanation, classNames }: { detail: DenseData; value: number; explanation: Explanation; classNames: readonly string[] }) {
  const { math, spec, weights } = detail;
  const unit = weights.unit;
  const flattened = flattenedFrom(explanation, unit.layer);
  const name = (i: number) => {
    if (!flattened) return `unit ${groupDigits(i + 1)}`;
    const [, w, c] = flattened.shape;
    const cell = volumeCell(i, w, c);
    return `map ${cell.channel + 1} (${cell.row + 1}, ${cell.col + 1})`;
  };
  const max = largestMagnitude(math.largest.map((l) => l.product));
  const others = math.products.length - math.largest.length;
  return (
    <div className="dense-detail">
      {detail.last && (
        <p className="small">
          This is the score (logit) of class <strong>{classNames[unit.unit] ?? unit.unit}</strong>: softmax turns the {explanation.logits.length} scores into probabilities (below).
        </p>
      )}
      <table className="contributions" data-testid="dense-contributions">
        <caption>
          The {math.largest.length} largest of its {groupDigits(math.products.length)} contributions
        </caption>
        <thead>
          <tr>
            <th scope="col">input</th>
            <th scope="col">value x</th>
            <th scope="col">weight w</th>
            <th scope="col">w · x</th>
          </tr>
        </thead>
        <tbody>
          {math.largest.map((c) => (
            <tr key={c.index}>
              <th scope="row">{name(c.index)}</th>
              <td>{num(c.input)}</td>
              <td>{num(c.weight)}</td>
              <td>
                <span className="contribution-bar" style={{ width: `${(Math.abs(c.product) / max) * 100}%`, background: css(signedColor(c.product, max)) }} />
                <span className="contribution-value">{num(c.product)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sum-line">
        {others > 0 && (
          <>
            The other {groupDigits(others)} add up to <strong>{num(math.rest)}</strong>;{' '}
          </>
        )}
        Σ of all {groupDigits(math.products.length)} = <strong>{num(math.sum)}</strong> + bias <strong>{num(math.bias)}</strong> = <strong>{num(math.preactivation)}</strong>
      </p>
      <ActivationLine activation={spec.activation} preactivation={math.preactivation} own={math.value} value={value} group={`over the ${weights.siblings?.length ?? 0} units of the layer`} />
      <Regularizer layer={spec} />
      {flattened && <ContributionMaps products={math.products} shape={flattened.shape} from={flattened.layer} />}
    </div>
  );
}
