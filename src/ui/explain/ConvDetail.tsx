// A conv unit written out: its window in each input map, the kernel over it, the products, their sum plus bias, the activation.
import { useMemo, useState } from 'react';
import { convUnit } from '../../model/unitMath';
import type { Layer } from '../../model/architecture';
import type { ChannelTerms } from '../../model/unitMath';
import { rangeOf } from '../inspect/paint';
import { css, grayColor, largestMagnitude, num, signedColor } from './colors';
import type { Detail } from './detailMath';
import { ConvStep } from './ConvStep';
import { NumberGrid } from './NumberGrid';
import { ActivationLine, Regularizer } from './DetailParts';

type ConvDetailData = Extract<Detail, { kind: 'conv' }>;

/** The input channel whose share of the sum is largest: the one worth looking at first. */
function strongest(channels: readonly ChannelTerms[]): number {
  let best = 0;
  channels.forEach((c, i) => {
    if (Math.abs(c.sum) > Math.abs(channels[best]!.sum)) best = i;
  });
  return best;
}

function ChannelPicker({ channels, chosen, onPick }: { channels: readonly ChannelTerms[]; chosen: number; onPick: (c: number) => void }) {
  const max = largestMagnitude(channels.map((c) => c.sum));
  return (
    <div className="channel-sums">
      <p className="small">
        The kernel reaches into all {channels.length} input maps: one sum per map, added together. Pick a map to see its window (largest share first).
      </p>
      <ol aria-label="Each input map's share of the sum">
        {channels.map((c) => (
          <li key={c.channel}>
            <button type="button" aria-pressed={c.channel === chosen} onClick={() => onPick(c.channel)} title={`input map ${c.channel + 1}: ${c.sum}`} style={{ borderBottomColor: css(signedColor(c.sum, max)) }}>
              <span className="channel-no">{c.channel + 1}</span>
              <span className="channel-sum">{num(c.sum)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ConvDetail({ detail, value, layer }: { detail: ConvDetailData; value: number; layer: Extract<Layer, { type: 'conv2d' }> }) {
  const { input, output, weights, spec } = detail;
  const unit = weights.unit;
  // The step-through's position: the grids below show the kernel wherever it has slid to.
  const start = unit.row * output.width + unit.col;
  const [position, setPosition] = useState(start);
  const [shownStart, setShownStart] = useState(start);
  if (shownStart !== start) {
    setShownStart(start);
    setPosition(start);
  }
  const row = Math.floor(position / output.width);
  const col = position % output.width;
  const selected = position === start;
  // At the selected cell the detail's own arithmetic (with every filter's sum, for softmax); elsewhere the same sums at that cell.
  const math = useMemo(
    () => (selected ? detail.math : convUnit(input, weights.kernel, weights.bias, spec.activation === 'softmax' ? { ...spec, activation: 'linear' } : spec, row, col)),
    [selected, detail.math, input, weights, spec, row, col],
  );
  const mapValue = selected ? value : output.values[(row * output.width + col) * output.channels + unit.channel]!;
  const [picked, setPicked] = useState<number | null>(null);
  const channel = picked !== null && picked < math.channels.length ? picked : strongest(detail.math.channels);
  const terms = math.channels[channel]!;
  const k = spec.kernelSize;
  const range = rangeOf(input.values.length, (i) => input.values[i]!);
  const wMax = largestMagnitude(weights.kernel);
  const pMax = largestMagnitude(terms.cells.map((c) => c.product));
  const many = math.channels.length > 1;
  return (
    <div className="conv-detail">
      {many && <ChannelPicker channels={math.channels} chosen={channel} onPick={setPicked} />}
      <p className="small conv-at" data-testid="conv-at">
        {selected ? `The selected unit: row ${row + 1}, column ${col + 1}.` : `Where the step-through has slid to: row ${row + 1}, column ${col + 1} (the selected unit is row ${unit.row + 1}, column ${unit.col + 1}).`}
      </p>
      <div className="grids">
        <NumberGrid
          side={k}
          title={many ? `Window in input map ${channel + 1}` : 'Window of the input'}
          label={`The ${k}×${k} window of input values`}
          cells={terms.cells.map((c) => ({ value: c.input, color: grayColor(c.input, range.lo, range.hi), padding: !c.inside }))}
        />
        <span className="op" aria-hidden="true">
          ×
        </span>
        <NumberGrid side={k} title="Kernel weights" label={`The filter's ${k}×${k} weights`} cells={terms.cells.map((c) => ({ value: c.weight, color: signedColor(c.weight, wMax) }))} />
        <span className="op" aria-hidden="true">
          =
        </span>
        <NumberGrid side={k} title="Products" label="Each weight times its input" testId="conv-products" cells={terms.cells.map((c) => ({ value: c.product, color: signedColor(c.product, pMax), padding: !c.inside }))} />
      </div>
      <p className="sum-line" data-testid="conv-sum">
        {many ? (
          <>
            Σ over map {channel + 1} = <strong>{num(terms.sum)}</strong>; over all {math.channels.length} maps ({k * k * math.channels.length} products) Σ = <strong>{num(math.sum)}</strong>
          </>
        ) : (
          <>
            Σ of the {k * k} products = <strong>{num(math.sum)}</strong>
          </>
        )}
        {' '}+ bias <strong>{num(math.bias)}</strong> = <strong>{num(math.preactivation)}</strong>
      </p>
      {selected || spec.activation !== 'softmax' ? (
        <ActivationLine activation={spec.activation} preactivation={math.preactivation} own={math.value} value={mapValue} group={`over the ${weights.siblings?.length ?? 0} filters at this cell`} />
      ) : (
        <p className="sum-line muted">Softmax takes every filter at a cell together; select this cell to see it.</p>
      )}
      <Regularizer layer={layer} />
      <ConvStep detail={detail} channel={channel} position={position} onPosition={setPosition} />
    </div>
  );
}
