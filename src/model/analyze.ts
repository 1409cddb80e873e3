// The builder's arithmetic: every layer's output shape, parameters, connections and formulas.

import type { Architecture, Layer } from './architecture';
import { LAYER_LABELS, assertNever, datasetOf } from './architecture';
import { MAX_CLASSES, MIN_CLASSES, datasetInfo } from './datasets';
import { formatBytes, groupDigits } from './format';
import type { Shape } from './shape';
import { flat, outputLength, shapeLabel, shapeSize, spatial } from './shape';
import type { Issue } from './validate';
import {
  LIMITS,
  fieldProblems,
  insertFlattenFix,
  insertLayer,
  layerName,
  removeLayerFix,
  replaceLayer,
  outputLayer,
  samePaddingFix,
} from './validate';

/** What the last layer must give: how many probabilities, and what one of them is for. */
export interface OutputSpec {
  classes: number;
  /** "per digit", "per class". */
  per: string;
}

/**
 * The output a network needs for its dataset: ten for MNIST and Fashion-MNIST; for the learner's
 * own classes their number when known (`customClasses`), else what the last layer says, as the
 * format defines (clamped to 2–10 so a wrong count still gets a fix).
 */
export function outputSpec(arch: Architecture, customClasses?: number | null): OutputSpec {
  const info = datasetInfo(datasetOf(arch));
  if (info.classNames.length > 0) return { classes: info.classNames.length, per: `per ${info.noun === 'digit' ? 'digit' : 'class'}` };
  if (customClasses) return { classes: customClasses, per: 'per class' };
  const last = arch.layers.at(-1);
  const units = last?.type === 'dense' && Number.isInteger(last.units) ? last.units : MIN_CLASSES;
  return { classes: Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, units)), per: 'per class' };
}

export interface LayerRow {
  index: number;
  layer: Layer;
  /** Shape entering the layer; null when an earlier layer is broken. */
  inputShape: Shape | null;
  /** Shape leaving the layer; null when it cannot be computed. */
  outputShape: Shape | null;
  /** All weights, including non-trainable ones (batch-norm moving statistics). */
  params: number;
  trainableParams: number;
  /** Weighted inputs, bias counted as one, as the crash course counts them. */
  connections: number;
  /** e.g. "(5·5·1 + 1) · 10 = 260"; null for layers without weights. */
  paramsFormula: string | null;
  /** e.g. "(5·5·1 + 1) · 10 · 28 · 28 = 203,840"; null for layers without connections. */
  connectionsFormula: string | null;
  /** Problems on this layer (also listed in Analysis.issues). */
  issues: Issue[];
}

export interface Totals {
  params: number;
  trainableParams: number;
  connections: number;
  /** Memory for the weights as 32-bit floats. */
  weightBytes: number;
  /** Values the input and every layer's output hold for one digit (what a batch multiplies). */
  activations: number;
}

export interface Analysis {
  input: Shape;
  rows: LayerRow[];
  totals: Totals;
  /** Every problem, layer problems first in layer order, then network-wide ones. */
  issues: Issue[];
  valid: boolean;
}

interface Counted {
  outputShape: Shape;
  params: number;
  trainableParams: number;
  connections: number;
  paramsFormula: string | null;
  connectionsFormula: string | null;
}

type Step = { ok: true; counted: Counted } | { ok: false; issue: Issue };

const eq = (expr: string, value: number) => `${expr} = ${groupDigits(value)}`;

function flatInput(layer: Layer, index: number, units: number): Step {
  return {
    ok: false,
    issue: {
      layerIndex: index,
      message: `${layerName(layer, index)} needs a height × width × channels input, but it follows a flat layer (${groupDigits(units)} values). Move it before the Flatten.`,
      fix: removeLayerFix(index),
    },
  };
}

/** One layer's output and counts given its input shape; pure and exact. */
function countLayer(layer: Layer, index: number, input: Shape): Step {
  switch (layer.type) {
    case 'conv2d': {
      if (input.kind === 'flat') return flatInput(layer, index, input.units);
      const { kernelSize: k, strides: s, filters: f, padding } = layer;
      const oh = outputLength(input.height, k, s, padding);
      const ow = outputLength(input.width, k, s, padding);
      if (oh < 1 || ow < 1) {
        return {
          ok: false,
          issue: {
            layerIndex: index,
            message: `${layerName(layer, index)}: a ${k}×${k} kernel does not fit its ${shapeLabel(input)} input. Use a smaller kernel or padding 'same'.`,
            fix: samePaddingFix(index),
          },
        };
      }
      const c = input.channels;
      const perFilter = k * k * c + 1;
      const params = perFilter * f;
      const connections = params * oh * ow;
      return {
        ok: true,
        counted: {
          outputShape: spatial(oh, ow, f),
          params,
          trainableParams: params,
          connections,
          paramsFormula: eq(`(${k}·${k}·${c} + 1) · ${f}`, params),
          connectionsFormula: eq(`(${k}·${k}·${c} + 1) · ${f} · ${oh} · ${ow}`, connections),
        },
      };
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (input.kind === 'flat') return flatInput(layer, index, input.units);
      const { poolSize: p, strides: s, padding } = layer;
      const oh = outputLength(input.height, p, s, padding);
      const ow = outputLength(input.width, p, s, padding);
      if (oh < 1 || ow < 1) {
        return {
          ok: false,
          issue: {
            layerIndex: index,
            message: `${layerName(layer, index)}: a ${p}×${p} pool does not fit its ${shapeLabel(input)} input. Use a smaller pool or padding 'same'.`,
            fix: samePaddingFix(index),
          },
        };
      }
      const c = input.channels;
      const connections = p * p * oh * ow * c;
      return {
        ok: true,
        counted: {
          outputShape: spatial(oh, ow, c),
          params: 0,
          trainableParams: 0,
          connections,
          paramsFormula: null,
          connectionsFormula: eq(`${p}·${p} · ${oh} · ${ow} · ${c}`, connections),
        },
      };
    }
    case 'dense': {
      if (input.kind === 'spatial') {
        return {
          ok: false,
          issue: {
            layerIndex: index,
            message: `${layerName(layer, index)} gets a ${shapeLabel(input)} volume; insert a Flatten before it to make it a flat vector of ${groupDigits(shapeSize(input))} values.`,
            fix: insertFlattenFix(index),
          },
        };
      }
      const n = input.units;
      const params = (n + 1) * layer.units;
      const formula = eq(`(${groupDigits(n)} + 1) · ${layer.units}`, params);
      return {
        ok: true,
        counted: {
          outputShape: flat(layer.units),
          params,
          trainableParams: params,
          connections: params,
          paramsFormula: formula,
          connectionsFormula: formula,
        },
      };
    }
    case 'flatten': {
      if (input.kind === 'flat') {
        return {
          ok: false,
          issue: { layerIndex: index, message: `${layerName(layer, index)}: its input is already flat.`, fix: removeLayerFix(index) },
        };
      }
      return { ok: true, counted: passThrough(flat(shapeSize(input))) };
    }
    case 'dropout':
      return { ok: true, counted: passThrough(input) };
    case 'batchNormalization': {
      const c = input.kind === 'flat' ? input.units : input.channels;
      return {
        ok: true,
        counted: {
          ...passThrough(input),
          params: 4 * c,
          trainableParams: 2 * c,
          paramsFormula: eq(`4 · ${c}`, 4 * c),
        },
      };
    }
    default:
      return assertNever(layer);
  }
}

function passThrough(shape: Shape): Counted {
  return { outputShape: shape, params: 0, trainableParams: 0, connections: 0, paramsFormula: null, connectionsFormula: null };
}

function networkIssues(arch: Architecture, rows: LayerRow[], totals: Totals, output: OutputSpec): Issue[] {
  const issues: Issue[] = [];
  const { layers } = arch;
  const OUTPUT_LAYER = outputLayer(output.classes);
  const want = `Dense(${output.classes}, softmax)`;
  const per = `one probability ${output.per}`;
  if (layers.length > LIMITS.maxLayers) {
    issues.push({ layerIndex: null, message: `The network has ${layers.length} layers; the playground takes at most ${LIMITS.maxLayers}.` });
  }
  const last = layers.at(-1);
  const lastRow = rows.at(-1);
  if (!last || !lastRow) {
    issues.push({
      layerIndex: null,
      message: `The network is empty. Add layers that end in ${want}, ${per}.`,
      fix: { label: `Add Flatten and ${want}`, apply: (a) => ({ ...a, layers: [{ type: 'flatten' }, OUTPUT_LAYER] }) },
    });
  } else if (last.type === 'dense') {
    if (last.units !== output.classes || last.activation !== 'softmax') {
      const index = layers.length - 1;
      issues.push({
        layerIndex: index,
        message: `The last layer must be ${want}, ${per}; ${layerName(last, index)} has ${last.units} units and ${last.activation}.`,
        fix: { label: `Make it ${want}`, apply: (a) => replaceLayer(a, index, OUTPUT_LAYER) },
      });
    }
  } else {
    const needsFlatten = lastRow.outputShape?.kind === 'spatial';
    issues.push({
      layerIndex: null,
      message: `The network must end in ${want}, ${per}; it ends in ${LAYER_LABELS[last.type]}.`,
      fix: {
        label: needsFlatten ? `Append Flatten and ${want}` : `Append ${want}`,
        apply: (a) => {
          const withFlatten = needsFlatten ? insertLayer(a, a.layers.length, { type: 'flatten' }) : a;
          return insertLayer(withFlatten, withFlatten.layers.length, OUTPUT_LAYER);
        },
      },
    });
  }
  if (totals.params > LIMITS.maxParams) {
    issues.push({
      layerIndex: null,
      message: `${groupDigits(totals.params)} parameters is too large to train in a browser tab (at most ${groupDigits(LIMITS.maxParams)}). Use fewer units or filters, or pool earlier.`,
    });
  }
  if (totals.activations > LIMITS.maxBatchActivations) {
    issues.push({
      layerIndex: null,
      message: `The layers' outputs hold ${groupDigits(totals.activations)} values per digit (${formatBytes(totals.activations * 4)}); a batch may hold at most ${groupDigits(LIMITS.maxBatchActivations)} (${formatBytes(LIMITS.maxBatchActivations * 4)}), so not even one digit fits in a browser tab. Use fewer filters, or pool or stride earlier.`,
    });
  }
  if (totals.connections > LIMITS.maxConnections) {
    issues.push({
      layerIndex: null,
      message: `${groupDigits(totals.connections)} connections per digit is too slow to train in a browser tab (at most ${groupDigits(LIMITS.maxConnections)}). Use fewer filters, strides, or pool earlier.`,
    });
  }
  return issues;
}

/** The largest batch whose layer outputs fit (at least 1, so a single digit can always be asked about). */
export function largestBatch(activationsPerDigit: number): number {
  return Math.max(1, Math.floor(LIMITS.maxBatchActivations / Math.max(activationsPerDigit, 1)));
}

/** Why a batch of `batchSize` digits would not fit in memory, or null when it does. */
export function batchMemoryProblem(activationsPerDigit: number, batchSize: number): string | null {
  const values = activationsPerDigit * batchSize;
  if (values <= LIMITS.maxBatchActivations) return null;
  return `A batch of ${groupDigits(batchSize)} digits holds ${groupDigits(values)} layer outputs (${formatBytes(values * 4)}), more than a browser tab can train with (${groupDigits(LIMITS.maxBatchActivations)}, ${formatBytes(LIMITS.maxBatchActivations * 4)}). Use a batch size of at most ${groupDigits(largestBatch(activationsPerDigit))}.`;
}

/**
 * Analyse a whole architecture: shapes and counts layer by layer, totals, and every problem.
 * `customClasses` is the number of the learner's own classes, for a network whose dataset is
 * `custom` (see outputSpec).
 */
export function analyze(arch: Architecture, customClasses?: number | null): Analysis {
  const input = spatial(arch.input.height, arch.input.width, arch.input.channels);
  const rows: LayerRow[] = [];
  let current: Shape | null = input;
  arch.layers.forEach((layer, index) => {
    const row: LayerRow = {
      index,
      layer,
      inputShape: current,
      outputShape: null,
      params: 0,
      trainableParams: 0,
      connections: 0,
      paramsFormula: null,
      connectionsFormula: null,
      issues: [],
    };
    const fields = fieldProblems(layer);
    if (fields.length > 0) {
      row.issues.push({ layerIndex: index, message: `${layerName(layer, index)}: ${fields.join('; ')}.` });
    } else if (current) {
      const step = countLayer(layer, index, current);
      if (step.ok) Object.assign(row, step.counted);
      else row.issues.push(step.issue);
    }
    current = row.outputShape;
    rows.push(row);
  });
  const totals: Totals = { params: 0, trainableParams: 0, connections: 0, weightBytes: 0, activations: shapeSize(input) };
  for (const row of rows) {
    totals.params += row.params;
    totals.trainableParams += row.trainableParams;
    totals.connections += row.connections;
    totals.activations += row.outputShape ? shapeSize(row.outputShape) : 0;
  }
  totals.weightBytes = totals.params * 4;
  const network = networkIssues(arch, rows, totals, outputSpec(arch, customClasses));
  for (const issue of network) {
    if (issue.layerIndex !== null) rows[issue.layerIndex]?.issues.push(issue);
  }
  const issues = [...rows.flatMap((r) => r.issues), ...network.filter((i) => i.layerIndex === null)];
  return { input, rows, totals, issues, valid: issues.length === 0 };
}
