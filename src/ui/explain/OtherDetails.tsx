// The details of pooling, batch-norm, Flatten and Dropout units: each one's few numbers, written out.
import { LAYER_LABELS } from '../../model/architecture';
import { unitLabel } from '../../model/units';
import { rangeOf } from '../inspect/paint';
import { grayColor, num } from './colors';
import type { Detail } from './detailMath';
import { NumberGrid } from './NumberGrid';

export function PoolDetail({ detail, value, channel }: { detail: Extract<Detail, { kind: 'pool' }>; value: number; channel: number }) {
  const { math, spec, input } = detail;
  const range = rangeOf(input.values.length, (i) => input.values[i]!);
  const real = math.cells.filter((c) => c.inside);
  const max = spec.type === 'maxPooling2d';
  return (
    <div className="pool-detail">
      <div className="grids">
        <NumberGrid
          side={spec.poolSize}
          title={`Window in map ${channel + 1} before`}
          label={`The ${spec.poolSize}×${spec.poolSize} window`}
          padding="skipped"
          cells={math.cells.map((c, i) => ({ value: c.value, color: grayColor(c.value, range.lo, range.hi), padding: !c.inside, marked: max && i === math.winner }))}
        />
      </div>
      {max ? (
        <p className="sum-line">
          The largest of the {real.length} values wins: <strong data-testid="detail-own-value" data-value={math.value}>{num(math.value)}</strong>
          {math.winner >= 0 && ` (row ${math.cells[math.winner]!.row + 1}, column ${math.cells[math.winner]!.col + 1} of the map before)`}
          {' — '}the network&apos;s value: <strong>{num(value)}</strong>
        </p>
      ) : (
        <p className="sum-line">
          The average of the {real.length} values{real.length < math.cells.length ? ' inside the input (padding is left out, as TF does)' : ''}: ({real.map((c) => num(c.value)).join(' + ')}) / {real.length} ={' '}
          <strong data-testid="detail-own-value" data-value={math.value}>{num(math.value)}</strong>
          {' — '}the network&apos;s value: <strong>{num(value)}</strong>
        </p>
      )}
      <p className="small muted">
        A {spec.poolSize}×{spec.poolSize} window moved {spec.strides} at a time, padding “{spec.padding}”. No weights: pooling only picks or averages.
      </p>
    </div>
  );
}

export function BatchNormDetail({ detail, value }: { detail: Extract<Detail, { kind: 'batchNorm' }>; value: number }) {
  const { input: x, params: p, math } = detail;
  return (
    <div className="bn-detail">
      <table className="bn-table">
        <tbody>
          <tr>
            <th scope="row">input x</th>
            <td>{num(x)}</td>
          </tr>
          <tr>
            <th scope="row">moving mean μ</th>
            <td>{num(p.mean)}</td>
          </tr>
          <tr>
            <th scope="row">moving variance σ²</th>
            <td>{num(p.variance)}</td>
          </tr>
          <tr>
            <th scope="row">ε</th>
            <td>{num(p.epsilon)}</td>
          </tr>
          <tr>
            <th scope="row">γ (scale, learnt)</th>
            <td>{num(p.gamma)}</td>
          </tr>
          <tr>
            <th scope="row">β (shift, learnt)</th>
            <td>{num(p.beta)}</td>
          </tr>
        </tbody>
      </table>
      <p className="sum-line">
        (x − μ) / √(σ² + ε) = ({num(x)} − {num(p.mean)}) / √({num(p.variance)} + {num(p.epsilon)}) = <strong>{num(math.normalised)}</strong>; × γ + β = <strong data-testid="detail-own-value" data-value={math.value}>{num(math.value)}</strong>
        {' — '}the network&apos;s value: <strong>{num(value)}</strong>
      </p>
      <p className="small muted">When predicting, batch normalisation uses the mean and variance it tracked over the training batches, the same for every input.</p>
    </div>
  );
}

export function PassDetail({ detail, value }: { detail: Extract<Detail, { kind: 'pass' }>; value: number }) {
  const { spec, from } = detail;
  const source = from.layer < 0 ? 'the input image' : `layer ${from.layer + 1}`;
  return (
    <p className="sum-line">
      {spec.type === 'flatten'
        ? `Flatten lays the maps out in one row, ${unitLabel(from)} of ${source} is this unit: `
        : `${LAYER_LABELS.dropout} drops values only while training; when predicting it passes ${unitLabel(from)} of ${source} on unchanged: `}
      <strong data-testid="detail-own-value" data-value={value}>
        {num(value)}
      </strong>
      {spec.type === 'flatten' && <span className="muted"> (cells row by row, a cell&apos;s maps side by side, as tfjs stores them)</span>}
    </p>
  );
}
