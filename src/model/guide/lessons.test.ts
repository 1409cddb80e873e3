import { describe, expect, it } from 'vitest';
import type { Architecture } from '../architecture';
import { makeArchitecture } from '../architecture';
import { findPreset } from '../presets';
import { DEFAULT_SETTINGS } from '../training';
import { LESSONS, findLesson } from './lessons';
import { PRACTICE_NETWORK } from './lessons/practice';
import { conv, dense, dropout, flatten, maxPool, net, output } from './lessons/layers';
import { checkStep, needsSetup, replacesNetwork, showMeActions, snapshotOf } from './steps';
import type { GuideAction, GuideSnapshot, RunFigures } from './types';

const preset = (id: string) => findPreset(id)!.architecture;
const empty32 = net(32, []);
const worked = net(32, [conv(10, 5)]);
const pooled = net(32, [conv(10, 5), maxPool()]);
const flat = net(32, [conv(10, 5), maxPool(), flatten]);
const withDense = net(32, [conv(10, 5), maxPool(), flatten, dense(200)]);
const run = (architecture: Architecture, epochs: number, testError = 2.1): RunFigures => ({ architecture, settings: { ...DEFAULT_SETTINGS, epochs }, epochs, testError, seconds: 30 });

type Case = [GuideSnapshot, RegExp];
interface StepCases {
  right: GuideSnapshot;
  wrong: Case[];
  /** A likely answer that is close but not it, and what the feedback says about it. */
  near: Case;
}

const typed = (answer: string, arch: Architecture = worked, extra: Partial<GuideSnapshot> = {}) => snapshotOf(arch, { answer, ...extra });

const CASES: Record<string, StepCases> = {
  'images/grid': { right: typed('784'), wrong: [[typed(''), /Type your answer/], [typed('lots'), /not a number/], [typed('900'), /too large/]], near: [typed('28'), /one side/] },
  'images/channels': { right: typed('3 072'), wrong: [[typed('3000'), /too small/]], near: [typed('1,024'), /three/] },
  'images/input': { right: snapshotOf(empty32), wrong: [[snapshotOf(preset('seed-mlp')), /28×28; choose 32×32/]], near: [snapshotOf(makeArchitecture(28, [conv(10, 5)])), /32×32/] },
  'images/scale': { right: typed('0.2'), wrong: [[typed('5'), /too large/]], near: [typed('51'), /raw value/] },
  'conv/add-conv': {
    right: snapshotOf(worked),
    wrong: [
      [snapshotOf(empty32), /no layers yet/],
      [snapshotOf(net(32, [flatten, output])), /should be a Conv2D/],
      [snapshotOf(makeArchitecture(28, [conv(10, 5)])), /Your input is 28×28/],
    ],
    // What the palette adds: 16 filters of 3×3.
    near: [snapshotOf(net(32, [conv(16, 3)])), /^Your kernel is 3×3; the worked example uses 5×5; and you have 16 filters; the worked example uses 10\.$/],
  },
  'conv/map-size': { right: typed('28x28x10'), wrong: [[typed('24×24×10'), /not it/], [typed('28×28×10', empty32), /no layers/]], near: [typed('7840'), /1 number/] },
  'conv/connections': { right: typed('203,840'), wrong: [[typed('1,000,000'), /too large/]], near: [typed('200 704'), /bias is missing/] },
  'conv/stride': {
    right: typed('14×14×10', net(32, [conv(10, 5, 2)])),
    wrong: [[typed('14×14×10'), /stride is 1; use 2/]],
    near: [typed('15×15×10', net(32, [conv(10, 5, 2)])), /not it/],
  },
  'conv/padding': { right: snapshotOf(net(32, [conv(10, 5, 1, 'same')])), wrong: [[snapshotOf(worked), /padding is 'valid'; use 'same'/]], near: [snapshotOf(net(32, [conv(10, 5, 2, 'same')])), /stride is 2; use 1/] },
  'conv/field': { right: typed('rows 10–14, columns 4–8'), wrong: [[typed('rows 4–8, columns 10–14'), /swapped/], [typed('ten'), /Write it as rows/], [typed('rows 0–4, columns 0–4'), /count from 1/]], near: [typed('rows 10–15, columns 4–9'), /6 pixels/] },
  'pool/add-pool': { right: snapshotOf(pooled), wrong: [[snapshotOf(worked), /no pooling layer/]], near: [snapshotOf(net(32, [conv(10, 5), maxPool(3, 2)])), /outputs 13×13×10/] },
  'pool/discard': { right: typed('3/4', pooled), wrong: [[typed('lots', pooled), /Write a share/]], near: [typed('25%', pooled), /keeps/] },
  'pool/no-weights': { right: typed('0', pooled), wrong: [[typed('10', pooled), /too large/]], near: [typed('7,840', pooled), /connections/] },
  'pool/overlap': {
    right: typed('27×27×10', net(32, [conv(10, 5), maxPool(2, 1)])),
    wrong: [[typed('27×27×10', pooled), /stride 1 first/]],
    near: [typed('14×14×10', net(32, [conv(10, 5), maxPool(2, 1)])), /not it/],
  },
  'dense/flatten': { right: snapshotOf(flat), wrong: [[snapshotOf(pooled), /no Flatten/]], near: [snapshotOf(net(32, [conv(10, 5), flatten])), /outputs 7840/] },
  'dense/dense': { right: snapshotOf(withDense), wrong: [[snapshotOf(flat), /no Dense layer of 200/]], near: [snapshotOf(net(32, [conv(10, 5), flatten, dense(200)])), /reads 7,840/] },
  'dense/dense-connections': { right: typed('392200', withDense), wrong: [[typed('5', withDense), /too small/]], near: [typed('392,000', withDense), /bias/] },
  'dense/softmax': { right: snapshotOf(preset('crash-course')), wrong: [[snapshotOf(withDense), /last layer must be Dense\(10, softmax\).*Dense \(layer 4\) has 200 units/]], near: [snapshotOf(net(32, [conv(10, 5), maxPool(), flatten, dense(200), dense(10, 'relu')])), /has 10 units and relu/] },
  'dense/softmax-sum': { right: typed('100%'), wrong: [[typed('none'), /Write a share/]], near: [typed('0.1'), /one tenth/] },
  'mlp/count': { right: typed('623,290', preset('seed-mlp')), wrong: [[typed('1', preset('seed-mlp')), /too small/]], near: [typed('615 440', preset('seed-mlp')), /hidden layer alone/] },
  'mlp/train': {
    right: snapshotOf(preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 2) }),
    wrong: [
      [snapshotOf(preset('seed-mlp')), /No run has finished/],
      [snapshotOf(preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 2), running: true }), /still going/],
      [snapshotOf(preset('seed-mlp'), { lastRun: run(preset('seed-simple-cnn'), 2) }), /another network/],
    ],
    near: [snapshotOf(preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 1) }), /trained 1 epoch; train at least 2/],
  },
  'mlp/compare': {
    right: typed('2.13', preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 2, 2.13) }),
    wrong: [[typed('2.13', preset('seed-mlp')), /No run/], [typed('1.73', preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 2, 2.13) }), /too small/]],
    near: [typed('97.87', preset('seed-mlp'), { lastRun: run(preset('seed-mlp'), 2, 2.13) }), /accuracy/],
  },
  'mlp/mistake': {
    right: snapshotOf(preset('seed-mlp'), { weightsFit: true, inspected: { index: 247, label: 4, guess: 6 } }),
    wrong: [[snapshotOf(preset('seed-mlp'), { inspected: { index: 247, label: 4, guess: 6 } }), /Train the network first/], [snapshotOf(preset('seed-mlp'), { weightsFit: true }), /Pick a test digit/]],
    near: [snapshotOf(preset('seed-mlp'), { weightsFit: true, inspected: { index: 0, label: 7, guess: 7 } }), /reads it right/],
  },
  'simple-cnn/where': { right: typed('589952', preset('seed-simple-cnn')), wrong: [[typed('12', preset('seed-simple-cnn')), /too small/]], near: [typed('589,824', preset('seed-simple-cnn')), /bias/] },
  'simple-cnn/train': { right: snapshotOf(preset('seed-simple-cnn'), { lastRun: run(preset('seed-simple-cnn'), 1) }), wrong: [[snapshotOf(preset('seed-simple-cnn')), /No run/]], near: [snapshotOf(preset('seed-simple-cnn'), { lastRun: run(preset('seed-mlp'), 3) }), /another network/] },
  'simple-cnn/maps': {
    right: snapshotOf(preset('seed-simple-cnn'), { selectedUnit: { layer: 0, channel: 3, row: 2, col: 2 } }),
    wrong: [[snapshotOf(preset('seed-simple-cnn')), /Click a unit/]],
    near: [snapshotOf(preset('seed-simple-cnn'), { selectedUnit: { layer: 1, channel: 3, row: 2, col: 2 } }), /layer 2; pick one/],
  },
  'simple-cnn/field': {
    // The unit in row 3, column 12 counted from 0 is row 4, column 13 as the detail shows it.
    right: typed('rows 4–8, columns 13–17', preset('seed-simple-cnn'), { selectedUnit: { layer: 0, channel: 0, row: 3, col: 12 } }),
    wrong: [[typed('rows 4–8, columns 13–17', preset('seed-simple-cnn')), /Select a unit/], [typed('rows 1–5, columns 1–5', preset('seed-simple-cnn'), { selectedUnit: { layer: 0, channel: 0, row: 3, col: 12 } }), /another place/]],
    near: [typed('rows 4–9, columns 13–18', preset('seed-simple-cnn'), { selectedUnit: { layer: 0, channel: 0, row: 3, col: 12 } }), /one too many/],
  },
  'larger-cnn/shape': { right: typed('5x5x15', preset('seed-larger-cnn')), wrong: [[typed('4×4×15', preset('seed-larger-cnn')), /not it/]], near: [typed('15×5×5', preset('seed-larger-cnn')), /wrong order/] },
  'larger-cnn/fewer': { right: typed('59,933', preset('seed-larger-cnn')), wrong: [[typed('592,074', preset('seed-larger-cnn')), /too large/]], near: [typed('48128', preset('seed-larger-cnn')), /first Dense layer alone/] },
  'larger-cnn/deeper-field': { right: typed('10', preset('seed-larger-cnn')), wrong: [[typed('12', preset('seed-larger-cnn')), /too large/]], near: [typed('3', preset('seed-larger-cnn')), /its own kernel/] },
  'larger-cnn/train': { right: snapshotOf(preset('seed-larger-cnn'), { lastRun: run(preset('seed-larger-cnn'), 2) }), wrong: [[snapshotOf(preset('seed-larger-cnn')), /No run/]], near: [snapshotOf(preset('seed-larger-cnn'), { lastRun: run(preset('seed-simple-cnn'), 2) }), /another network/] },
  'larger-cnn/pool-field': {
    right: typed('rows 9–20, columns 5–16', preset('seed-larger-cnn'), { selectedUnit: { layer: 3, channel: 5, row: 2, col: 1 } }),
    wrong: [[typed('rows 9–20, columns 5–16', preset('seed-larger-cnn')), /Click a unit/], [typed('rows 9–20, columns 5–16', preset('seed-larger-cnn'), { selectedUnit: { layer: 2, channel: 0, row: 2, col: 1 } }), /layer 3; pick one in the second MaxPooling2D/]],
    near: [typed('rows 9–21, columns 5–17', preset('seed-larger-cnn'), { selectedUnit: { layer: 3, channel: 5, row: 2, col: 1 } }), /one too many/],
  },
  'practice/small-fields': {
    right: snapshotOf(PRACTICE_NETWORK),
    wrong: [[snapshotOf(preset('seed-mlp')), /no Conv2D/], [snapshotOf(net(28, [conv(8, 3)])), /must end in Dense/]],
    near: [snapshotOf(preset('seed-larger-cnn')), /Conv2D \(layer 1\) has a 5×5 kernel; make it 3×3/],
  },
  'practice/more-filters': {
    right: snapshotOf(PRACTICE_NETWORK),
    wrong: [[snapshotOf(net(28, [conv(8, 3), flatten, output])), /1 Conv2D layer; use at least two/], [snapshotOf(net(28, [conv(8, 3), conv(8, 3), flatten, output])), /never grows/]],
    near: [snapshotOf(net(28, [conv(30, 3), maxPool(), conv(15, 3), flatten, output])), /Conv2D \(layer 3\) has 15 filters, fewer than the 30/],
  },
  'practice/dropout': {
    right: snapshotOf(PRACTICE_NETWORK),
    wrong: [[snapshotOf(preset('seed-larger-cnn')), /No Dropout sits between/]],
    near: [snapshotOf(net(28, [conv(16, 3), maxPool(), conv(32, 3), maxPool(), flatten, dense(128), output, dropout(0.5)])), /No Dropout sits between/],
  },
  'practice/train': {
    right: snapshotOf(PRACTICE_NETWORK, { lastRun: run(PRACTICE_NETWORK, 1) }),
    wrong: [[snapshotOf(PRACTICE_NETWORK), /No run/], [snapshotOf(preset('seed-larger-cnn'), { lastRun: run(preset('seed-larger-cnn'), 1) }), /5×5 kernel/]],
    near: [snapshotOf(PRACTICE_NETWORK, { lastRun: run(preset('seed-larger-cnn'), 1) }), /different network/],
  },
};

const taskSteps = LESSONS.flatMap((lesson) => lesson.steps.filter((s) => s.task).map((step) => ({ lesson, step, key: `${lesson.id}/${step.id}` })));

describe('the eight lessons', () => {
  it('follow the seed in order, with unique ids and a task on every step', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(8);
    for (const l of LESSONS) {
      expect(new Set(l.steps.map((s) => s.id)).size).toBe(l.steps.length);
      expect(l.steps.length).toBeGreaterThanOrEqual(3);
      for (const s of l.steps) expect(s.text.join(' ').length).toBeGreaterThan(60);
    }
    expect(findLesson('conv')?.number).toBe(2);
  });

  it('have a right, a wrong and a near-miss case tested for every task', () => {
    expect(taskSteps.map((t) => t.key).sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(taskSteps)('$key', ({ step, key }) => {
    const cases = CASES[key]!;
    it('accepts the right answer', () => {
      const r = checkStep(step, cases.right);
      expect(r, r.message).toMatchObject({ ok: true });
    });
    it('says what is off in a wrong one', () => {
      for (const [snap, says] of cases.wrong) {
        const r = checkStep(step, snap);
        expect(r.ok).toBe(false);
        expect(r.message).toMatch(says);
      }
    });
    it('explains a near miss', () => {
      const r = checkStep(step, cases.near[0]);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(cases.near[1]);
    });
    it('has a hint, and a "show me" that makes it right', () => {
      expect(step.task!.hint.length).toBeGreaterThan(5);
      // Do what "show me" says on the wrong state, as the UI would, and check again.
      const start = cases.wrong[0]![0];
      const after = perform(showMeActions(step.task!, cases.right), start, cases.right);
      expect(checkStep(step, after), `after show me: ${checkStep(step, after).message}`).toMatchObject({ ok: true });
    });
  });
});

/**
 * What the UI does with "show me", applied to a snapshot. Training and picking a unit are the
 * app's own work: here they take the outcome from the right case.
 */
function perform(actions: GuideAction[], s: GuideSnapshot, right: GuideSnapshot): GuideSnapshot {
  let out = s;
  for (const a of actions) {
    switch (a.type) {
      case 'setArchitecture':
        out = { ...snapshotOf(a.architecture), ...pick(out), answer: out.answer };
        break;
      case 'setInput':
        out = { ...snapshotOf({ ...out.architecture, input: { ...out.architecture.input, height: a.size, width: a.size } }), ...pick(out) };
        break;
      case 'fillAnswer':
        out = { ...out, answer: a.text, architecture: right.architecture, analysis: right.analysis, lastRun: right.lastRun, selectedUnit: right.selectedUnit };
        break;
      case 'setSettings':
        out = { ...out, settings: { ...out.settings, ...a.settings } };
        break;
      case 'train':
        out = { ...out, lastRun: { ...right.lastRun!, architecture: out.architecture, epochs: out.settings.epochs }, running: false };
        break;
      case 'selectUnit':
        out = { ...out, selectedUnit: a.unit };
        break;
      case 'inspectMistake':
        out = { ...out, weightsFit: true, inspected: right.inspected };
        break;
    }
  }
  return out;
}

const pick = (s: GuideSnapshot) => ({ lastRun: s.lastRun, selectedUnit: s.selectedUnit, settings: s.settings, answer: s.answer, weightsFit: s.weightsFit, inspected: s.inspected });

describe('steps that need a network of their own', () => {
  const conv1 = findLesson('conv')!.steps[0]!;
  it('set one up unless the learner’s will do, and say so', () => {
    expect(needsSetup(conv1, snapshotOf(preset('seed-simple-cnn')))).toBe(true);
    expect(needsSetup(conv1, snapshotOf(empty32))).toBe(false);
    expect(conv1.setup?.why).toMatch(/empty network/);
    const mlp = findLesson('mlp')!.steps[0]!;
    expect(needsSetup(mlp, snapshotOf(preset('seed-mlp')))).toBe(false);
    expect(needsSetup(mlp, snapshotOf(worked))).toBe(true);
  });
  it('are the only ones whose "show me" replaces the network, so the UI knows when to save first', () => {
    expect(replacesNetwork(showMeActions(conv1.task!, snapshotOf(empty32)))).toBe(true);
    expect(replacesNetwork(showMeActions(findLesson('conv')!.steps[2]!.task!, snapshotOf(worked)))).toBe(false);
  });
});
