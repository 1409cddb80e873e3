import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChallenge } from '../../model/guide/challenge';
import { addClaim, EMPTY_TABLE } from '../../model/guide/classTable';
import { findLesson } from '../../model/guide/lessons';
import { lessonProgress } from '../../model/guide/progress';
import { findPreset } from '../../model/presets';
import { DEFAULT_SETTINGS } from '../../model/training';
import { addLayer, updateLayer } from '../builderActions';
import { buildRecord } from '../history/record';
import { resetStore, useAppStore } from '../store';
import { receiveResult } from './challengeActions';
import { checkGuideStep, liveCheck, nextGuideStep, openGuideLesson, openStep, restartGuideLesson, setGuideAnswer, showMeGuideStep } from './lessonActions';
import { guideSnapshot, latestScoredRun } from './snapshot';
import { startGuide } from './startGuide';
import { KEYS, readGuideStorage, writeGuideStorage } from './storage';

const g = () => useAppStore.getState().guide;
const step = () => openStep()!;

/** A Storage in memory, as the browser's localStorage behaves. */
function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('a lesson driven through the store', () => {
  let stop = () => {};
  beforeEach(() => {
    resetStore();
    // Live checks follow the store as the app's own start-up wires them.
    stop = startGuide();
  });
  afterEach(() => stop());

  it('sets up its own network, then takes the learner through a wrong and a right answer', async () => {
    // The default simple CNN is a preset: nothing to keep in Models, and Undo brings it back.
    await openGuideLesson('conv');
    expect(useAppStore.getState().architecture.layers).toEqual([]);
    expect(useAppStore.getState().architecture.input.height).toBe(32);
    expect(g().note).toMatch(/empty network with a 32×32 input.*Undo brings yours back/);
    // Check before doing anything: what is off, and a hint.
    checkGuideStep();
    expect(g().feedback).toMatchObject({ ok: false, message: expect.stringMatching(/no layers yet/) as unknown });
    expect(g().tries).toBe(1);
    // The palette's Conv2D is 16@3×3: still off, said precisely.
    addLayer('conv2d');
    checkGuideStep();
    expect(g().feedback?.message).toBe('Your kernel is 3×3; the worked example uses 5×5; and you have 16 filters; the worked example uses 10.');
    // Editing the block to 10@5×5 completes the step as it happens, without pressing Check.
    const conv = useAppStore.getState().architecture.layers[0]!;
    updateLayer(0, { ...conv, filters: 10, kernelSize: 5 } as typeof conv, 'filters');
    expect(g().feedback?.ok).toBe(true);
    expect(lessonProgress(g().progress, 'conv').done).toEqual(['add-conv']);
    await nextGuideStep();
    expect(step().step.id).toBe('map-size');
    expect(g().tries).toBe(0);
    setGuideAnswer('24×24×10');
    checkGuideStep();
    expect(g().feedback?.ok).toBe(false);
    setGuideAnswer('28 x 28 x 10');
    checkGuideStep();
    expect(g().feedback?.ok).toBe(true);
    await nextGuideStep();
    setGuideAnswer('203 840');
    checkGuideStep();
    expect(lessonProgress(g().progress, 'conv').done).toEqual(['add-conv', 'map-size', 'connections']);
  });

  it('"show me" does the step, and Next stays shut until the task is done', async () => {
    await openGuideLesson('pool');
    expect(step().step.id).toBe('add-pool');
    await nextGuideStep();
    expect(step().step.id).toBe('add-pool');
    await showMeGuideStep();
    expect(useAppStore.getState().architecture.layers.map((l) => l.type)).toEqual(['conv2d', 'maxPooling2d']);
    expect(g().feedback?.ok).toBe(true);
    await nextGuideStep();
    await showMeGuideStep();
    expect(g().answer).toBe('75%');
    checkGuideStep();
    expect(g().feedback?.ok).toBe(true);
  });

  it('restarts a lesson from its first step', async () => {
    await openGuideLesson('images');
    setGuideAnswer('784');
    checkGuideStep();
    await nextGuideStep();
    expect(step().index).toBe(1);
    await restartGuideLesson();
    expect(lessonProgress(g().progress, 'images')).toEqual({ step: 0, done: [] });
    expect(g().feedback).toBeNull();
  });

  it('finishing the last step returns to the list with the lesson done', async () => {
    await openGuideLesson('images');
    const lesson = findLesson('images')!;
    for (const s of lesson.steps) {
      // A step to read has nothing to check: Next is open at once.
      if (s.task) {
        await showMeGuideStep();
        if (s.task.kind === 'answer') checkGuideStep();
        expect(g().feedback?.ok).toBe(true);
      }
      await nextGuideStep();
    }
    expect(g().panel).toBe('list');
    expect(g().progress.open).toBeNull();
    expect(lessonProgress(g().progress, 'images').done).toHaveLength(lesson.steps.length);
  });
});

describe('what the checks see', () => {
  beforeEach(() => resetStore());

  it('the latest scored run from the history, with its total epochs and time', () => {
    const arch = findPreset('seed-mlp')!.architecture;
    const run = { id: 1, status: 'done' as const, stopped: false, epoch: 2, message: null, architectureKey: JSON.stringify(arch), settings: { ...DEFAULT_SETTINGS, epochs: 2 }, backend: 'wasm' as const, startedAt: 1 };
    const epoch = (n: number) => ({ epoch: n, loss: 0.1, acc: 0.9, valLoss: 0.1, valAcc: 0.97, seconds: 5, examplesPerSecond: 10_000, numTensors: 10, learningRate: 0.001 });
    const scored = buildRecord({ id: 'a', number: 1 }, { run, backendName: 'wasm', epochs: [epoch(1), epoch(2)], batchPoints: [], evaluation: { testError: 2.31, networkKind: 'baseline' }, bestEpoch: null }, null, 1);
    const unscored = buildRecord({ id: 'b', number: 2 }, { run: { ...run, id: 2, status: 'training' }, backendName: 'wasm', epochs: [epoch(1)], batchPoints: [], evaluation: null, bestEpoch: null }, null, 2);
    expect(latestScoredRun([scored, unscored])).toEqual({ architecture: arch, settings: run.settings, epochs: 2, testError: 2.31, seconds: 10 });
    useAppStore.setState((s) => ({ history: { ...s.history, runs: [scored, unscored] }, architecture: arch }));
    liveCheck();
    expect(guideSnapshot(useAppStore.getState()).lastRun?.testError).toBe(2.31);
  });
});

describe('result links on the teacher’s device', () => {
  beforeEach(() => resetStore());

  it('join the class table once, and a refused one is said in the banner', () => {
    const claim = { name: 'Ada', challenge: findChallenge('small-net')!, run: { architecture: findPreset('seed-larger-cnn')!.architecture, settings: DEFAULT_SETTINGS, epochs: 2, testError: 1.9, seconds: 20 }, at: 5 };
    receiveResult({ ok: true, claim });
    expect(g().classTable.entries).toHaveLength(1);
    expect(g().message).toMatch(/Added Ada’s result \(1\.90% claimed\)/);
    receiveResult({ ok: true, claim });
    expect(g().classTable.entries).toHaveLength(1);
    expect(g().message).toMatch(/already/);
    receiveResult({ ok: false, error: 'The result link was refused: it has no figures.' });
    expect(useAppStore.getState().rejection).toBe('The result link was refused: it has no figures.');
    expect(useAppStore.getState().architecture).toEqual(findPreset('seed-simple-cnn')!.architecture);
  });
});

describe('guide storage', () => {
  it('writes what changed and reads it back checked', () => {
    const mem = memoryStorage();
    resetStore();
    const before = g();
    const claim = { name: 'Ben', challenge: findChallenge('no-dense')!, run: { architecture: findPreset('seed-mlp')!.architecture, settings: DEFAULT_SETTINGS, epochs: 1, testError: 3, seconds: 8 }, at: 1 };
    const after = { ...before, learnerName: 'Ben', challenge: { challenge: findChallenge('no-dense')!, fromTeacher: true }, classTable: addClaim(EMPTY_TABLE, claim, 2).table, progress: { open: 'conv', lessons: { conv: { step: 2, done: ['add-conv', 'map-size'] } } } };
    expect(writeGuideStorage(after, before, mem)).toBe(true);
    expect([...mem.data.keys()].sort()).toEqual(Object.values(KEYS).sort());
    const read = readGuideStorage(mem);
    expect(read).toEqual({ progress: after.progress, challenge: after.challenge, classTable: after.classTable, learnerName: 'Ben' });
    // Leaving the challenge removes it; garbage in storage reads as nothing.
    writeGuideStorage({ ...after, challenge: null }, after, mem);
    expect(mem.data.has(KEYS.challenge)).toBe(false);
    mem.setItem(KEYS.challenge, '{"challenge":{"goal":{"kind":"errorBelow","percent":900}}}');
    mem.setItem(KEYS.progress, 'garbage');
    expect(readGuideStorage(mem)).toMatchObject({ challenge: null, progress: { open: null, lessons: {} } });
  });

  it('says when storage refuses to write', () => {
    const full = { ...memoryStorage(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    resetStore();
    expect(writeGuideStorage({ ...g(), learnerName: 'x' }, g(), full)).toBe(false);
  });
});
