// The checks lessons are made of: pure functions of a snapshot that say what is right or what is off.

import type { Conv2DLayer, Layer } from '../architecture';
import { architectureKey } from '../architecture';
import { groupDigits } from '../format';
import { findPresetId } from '../presets';
import type { Shape } from '../shape';
import { shapeLabel } from '../shape';
import type { PixelRange } from './answer';
import { formatPixelRange, fromPeople, parseFraction, parseNumber, parsePixelRange, parseShape } from './answer';
import { receptiveField } from '../receptiveField';
import type { CheckResult, GuideSnapshot } from './types';

export type Check = (s: GuideSnapshot) => CheckResult;

export const right = (message: string): CheckResult => ({ ok: true, message });
export const off = (message: string): CheckResult => ({ ok: false, message });

/** A wrong number the learner is likely to give, and what it actually is. */
export interface NearMiss {
  value: number;
  says: string;
}

const EMPTY = 'Type your answer in the field first.';

/** A typed number equal to `expected` (to `tolerance`); near misses say what the learner counted instead. */
export function numberAnswer(expected: number, explain: string, nearMisses: NearMiss[] = [], tolerance = 0): Check {
  return (s) => {
    if (s.answer.trim() === '') return off(EMPTY);
    const n = parseNumber(s.answer);
    if (n === null) return off(`“${s.answer.trim().slice(0, 40)}” is not a number I can read; write it like 203,840 or 203840.`);
    if (Math.abs(n - expected) <= tolerance) return right(`Right: ${explain}`);
    const miss = nearMisses.find((m) => Math.abs(m.value - n) <= tolerance);
    if (miss) return off(`${groupDigits(n)} is ${miss.says}`);
    return off(`${groupDigits(n)} is not it: it is ${n < expected ? 'too small' : 'too large'}.`);
  };
}

/** A typed share ("75%", "3/4", "0.75") equal to `expected` (a fraction) within half a percent. */
export function fractionAnswer(expected: number, explain: string, nearMisses: NearMiss[] = []): Check {
  return (s) => {
    if (s.answer.trim() === '') return off(EMPTY);
    const f = parseFraction(s.answer);
    if (f === null) return off('Write a share such as 40%, 0.4 or 2/5.');
    if (Math.abs(f - expected) < 0.005) return right(`Right: ${explain}`);
    const miss = nearMisses.find((m) => Math.abs(m.value - f) < 0.005);
    return off(miss ? `${Math.round(f * 100)}% is ${miss.says}` : `${Math.round(f * 100)}% is not it.`);
  };
}

/** A typed shape ("14×14×10") equal to `expected`; a flat answer to a volume question gets a nudge. */
export function shapeAnswer(expected: readonly number[], explain: string): Check {
  return (s) => {
    if (s.answer.trim() === '') return off(EMPTY);
    const dims = parseShape(s.answer);
    if (!dims) return off('Write a shape as height×width×channels, for example 24×24×32.');
    if (dims.length === expected.length && dims.every((d, i) => d === expected[i])) return right(`Right: ${explain}`);
    if (dims.length !== expected.length) {
      return off(`That has ${dims.length} number${dims.length === 1 ? '' : 's'}; the answer is a ${expected.length === 3 ? 'height × width × channels volume' : `${expected.length}-number shape`}.`);
    }
    const sameSize = dims.reduce((a, b) => a * b, 1) === expected.reduce((a, b) => a * b, 1);
    if (sameSize) return off('That has the right number of values but in the wrong order: height, then width, then channels.');
    return off(`${dims.join('×')} is not it.`);
  };
}

// ---- Checks of the network in the builder.

export interface ConvWanted {
  filters: number;
  kernelSize: number;
  strides?: number;
  padding?: Conv2DLayer['padding'];
}

/** The first layer's differences from the wanted conv, each phrased as "your X is …; the lesson uses …". */
function convDifferences(layer: Conv2DLayer, want: ConvWanted): string[] {
  const out: string[] = [];
  if (layer.kernelSize !== want.kernelSize) out.push(`your kernel is ${layer.kernelSize}×${layer.kernelSize}; the worked example uses ${want.kernelSize}×${want.kernelSize}`);
  if (layer.filters !== want.filters) out.push(`you have ${layer.filters} filters; the worked example uses ${want.filters}`);
  if (want.strides !== undefined && layer.strides !== want.strides) out.push(`your stride is ${layer.strides}; use ${want.strides}`);
  if (want.padding !== undefined && layer.padding !== want.padding) out.push(`your padding is '${layer.padding}'; use '${want.padding}'`);
  return out;
}

const sentence = (parts: string[]) => {
  const text = parts.join('; and ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
};

/** The network takes a side×side input and its first layer is the wanted conv. */
export function firstLayerConv(side: 28 | 32, want: ConvWanted, done: string): Check {
  return (s) => {
    const problems: string[] = [];
    if (s.architecture.input.height !== side) problems.push(`your input is ${s.architecture.input.height}×${s.architecture.input.width}; set it to ${side}×${side}`);
    const first = s.architecture.layers[0];
    if (!first) problems.push('the network has no layers yet; add a Conv2D from the palette');
    else if (first.type !== 'conv2d') problems.push(`the first layer is ${first.type === 'dense' ? 'a Dense' : `a ${first.type}`} layer; it should be a Conv2D`);
    else problems.push(...convDifferences(first, want));
    return problems.length === 0 ? right(done) : off(sentence(problems));
  };
}

const sameShape = (shape: Shape | null, dims: readonly number[]) =>
  shape !== null &&
  (shape.kind === 'spatial' ? dims.length === 3 && shape.height === dims[0] && shape.width === dims[1] && shape.channels === dims[2] : dims.length === 1 && shape.units === dims[0]);

/** Some layer of the given kind (any, by default) outputs exactly `dims`. */
export function someLayerOutputs(dims: readonly number[], done: string, kinds?: readonly Layer['type'][], kindName?: string): Check {
  return (s) => {
    const rows = s.analysis.rows.filter((r) => !kinds || kinds.includes(r.layer.type));
    if (rows.some((r) => sameShape(r.outputShape, dims))) return right(done);
    const last = rows.at(-1)?.outputShape;
    const what = kindName ?? 'layer';
    if (rows.length === 0) return off(`There is no ${what} in the network yet.`);
    return off(`No ${what} outputs ${dims.join('×')} yet${last ? `; the last ${what} outputs ${shapeLabel(last)}` : ''}.`);
  };
}

/** The builder holds exactly this preset's network. */
export function isPreset(presetId: string, name: string): Check {
  return (s) => (findPresetId(s.architecture) === presetId ? right(`The builder holds the ${name}.`) : off(`The builder holds another network; choose “${name}” in the Network list.`));
}

/** The network is valid (trainable as it stands). */
export function valid(): Check {
  return (s) => (s.analysis.valid ? right('The network is complete.') : off(s.analysis.issues[0]?.message ?? 'The network has a problem.'));
}

/** All of the checks hold; the first that does not says what is off. */
export function all(checks: Check[], done: string): Check {
  return (s) => {
    for (const c of checks) {
      const r = c(s);
      if (!r.ok) return r;
    }
    return right(done);
  };
}

// ---- Checks of a finished run.

/** A finished, scored run of `presetId` (any network when null) with at least `minEpochs` epochs. */
export function trainedRun(presetId: string | null, name: string, minEpochs: number): Check {
  return (s) => {
    if (s.running) return off('The run is still going: wait for it to finish and be scored.');
    const run = s.lastRun;
    if (!run) return off(`No run has finished yet: set the epochs and press Train.`);
    if (presetId !== null && findPresetId(run.architecture) !== presetId) return off(`Your last run trained another network; train the ${name}.`);
    if (run.epochs < minEpochs) return off(`Your last run trained ${run.epochs} epoch${run.epochs === 1 ? '' : 's'}; train at least ${minEpochs}.`);
    return right(`Trained for ${run.epochs} epoch${run.epochs === 1 ? '' : 's'}: test error ${run.testError.toFixed(2)}%.`);
  };
}

/** The last run trained the network now in the builder (so its figures belong to it). */
export function trainedThisNetwork(): Check {
  return (s) => {
    if (s.running) return off('The run is still going: wait for it to finish and be scored.');
    if (!s.lastRun) return off('No run has finished yet: press Train.');
    if (architectureKey(s.lastRun.architecture) !== architectureKey(s.architecture)) return off('Your last run trained a different network from the one in the builder; train this one.');
    return right(`Trained: test error ${s.lastRun.testError.toFixed(2)}%.`);
  };
}

// ---- Checks of the explanation views.

/** The inspector shows a test digit that the network gets wrong. */
export function inspectingMistake(): Check {
  return (s) => {
    if (!s.weightsFit) return off('Train the network first: the mistakes are those of a trained network.');
    if (!s.inspected) return off('Pick a test digit in “Look inside” (the gallery of mistakes lists them).');
    const { index, label, guess } = s.inspected;
    if (label === guess) return off(`Test digit #${index} is a ${label}, and the network reads it right. Find one it gets wrong.`);
    return right(`Test digit #${index} is a ${label}, but the network reads it as ${guess}.`);
  };
}

/** A unit is selected in one of the given layers (by index). */
export function selectedIn(layers: readonly number[], what: string): Check {
  return (s) => {
    const u = s.selectedUnit;
    if (!u) return off(`Click a unit in a feature map of ${what} first.`);
    if (!layers.includes(u.layer)) return off(`The selected unit is in layer ${u.layer + 1}; pick one in ${what}.`);
    return right(`Selected a unit of ${what}.`);
  };
}

/** The typed range is the receptive field of the selected unit. */
export function receptiveFieldAnswer(): Check {
  return (s) => {
    const u = s.selectedUnit;
    const field = u ? (receptiveField(s.architecture, u)?.rect ?? null) : null;
    if (!u || !field) return off('Select a unit in a feature map first; then read off which input pixels it sees.');
    if (s.answer.trim() === '') return off(EMPTY);
    const typed = readTypedRange(s.answer);
    if (typeof typed === 'string') return off(typed);
    return sameRange(typed, field)
      ? right(`Right: ${formatPixelRange(field)}, ${field.bottom - field.top + 1}×${field.right - field.left + 1} pixels.`)
      : off(rangeMiss(typed, field));
  };
}

/**
 * A typed range (rows and columns counted from 1, as the app's views show them) counted from 0,
 * or what is wrong with it.
 */
export function readTypedRange(text: string): PixelRange | string {
  const typed = parsePixelRange(text);
  if (!typed) return 'Write it as rows from–to, columns from–to, for example rows 3–7, columns 10–14.';
  if (typed.top === 0 || typed.left === 0) return 'Rows and columns count from 1 here, as the app shows them: the first row is row 1.';
  return fromPeople(typed);
}

const sameRange = (a: PixelRange, b: PixelRange) => a.top === b.top && a.bottom === b.bottom && a.left === b.left && a.right === b.right;

function rangeMiss(typed: PixelRange, field: PixelRange): string {
  const h = typed.bottom - typed.top + 1;
  const w = typed.right - typed.left + 1;
  const fh = field.bottom - field.top + 1;
  const fw = field.right - field.left + 1;
  if (h === fh && w === fw) return `The size is right (${fh}×${fw}) but the block is in another place: start from the unit’s row and column times the stride.`;
  if (h === fh + 1 || w === fw + 1) return `That block is ${h}×${w}, one too many: “from 3 to 7” is 5 pixels, counting both ends.`;
  return `That block is ${h}×${w}; the unit sees a block of a different size.`;
}
