// The registry of everything the app reads from outside (links, files): each entry opens a text
// through the app's own action and says what became of it. The fuzz test throws generated input
// at every entry. A new parser joins with one line in UNTRUSTED_INPUTS (and an entry like these).

import { findPreset, PRESETS } from '../model/presets';
import { compressedLessonHash, lessonHash } from '../model/lesson';
import { serializeArchitecture } from '../model/parse';
import { DEFAULT_SETTINGS } from '../model/training';
import { useAppStore } from '../state/store';
import { importArchitectureFile, importModelFiles } from '../state/transfer';
import { loadFromHash } from '../state/url';
import { GUIDE_INPUTS } from './guideInputs';

/** What became of an input: taken, or refused with a message for the learner. */
export type Verdict = { ok: true } | { ok: false; error: string };

export interface UntrustedInput {
  name: string;
  /** What the generated inputs are made of: a few valid texts to mutate, and a prefix form. */
  seeds: () => Promise<string[]>;
  /** Open `text` as the app does (never throws, whatever the text). */
  open: (text: string) => Promise<Verdict>;
}

/** The store's own report of a refusal: the builder's banner, or the Models dialog's error. */
function verdict(): Verdict {
  const s = useAppStore.getState();
  const error = s.rejection ?? s.persistError;
  return error === null ? { ok: true } : { ok: false, error };
}

function clearReports(): void {
  useAppStore.setState({ rejection: null, persistError: null, persistInfo: null });
}

const architectures = () => PRESETS.map((p) => p.architecture);

export const architectureFile: UntrustedInput = {
  name: 'architecture file',
  seeds: async () => architectures().map((a) => serializeArchitecture(a, true)),
  open: async (text) => {
    clearReports();
    await importArchitectureFile(new File([text], 'network.json', { type: 'application/json' }));
    return verdict();
  },
};

export const shareLink: UntrustedInput = {
  name: 'share link (#arch=)',
  seeds: async () => architectures().map((architecture) => lessonHash({ architecture, settings: null, locked: false, presenter: false })),
  open: async (hash) => {
    clearReports();
    await loadFromHash(hash);
    return verdict();
  },
};

const lessons = () => [
  { architecture: findPreset('seed-simple-cnn')!.architecture, settings: { ...DEFAULT_SETTINGS, epochs: 2 }, locked: true, presenter: true },
  { architecture: findPreset('best')!.architecture, settings: null, locked: true, presenter: false },
];

export const lessonLink: UntrustedInput = {
  name: 'lesson link (#arch=…&train=…)',
  seeds: async () => lessons().map(lessonHash),
  open: shareLink.open,
};

export const compressedLessonLink: UntrustedInput = {
  name: 'compressed lesson link (#z=)',
  seeds: () => Promise.all(lessons().map(compressedLessonHash)),
  open: shareLink.open,
};

/** A small trained-shape model exported by tfjs itself, made once. */
let exported: Promise<{ modelJson: string; weights: ArrayBuffer }> | null = null;
function exportedModel() {
  exported ??= (async () => {
    const [{ buildModel }, files] = await Promise.all([import('../train/buildModel'), import('../train/modelFiles')]);
    const model = buildModel({ ...findPreset('seed-mlp')!.architecture, layers: [{ type: 'flatten' }, { type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] });
    const out = await files.exportModel(model, 'model', 2);
    model.dispose();
    return { modelJson: out.modelJson, weights: out.weightsBin };
  })();
  return exported;
}

/**
 * TF.js model files: `text` is the model.json, picked with the exported model's weights file (so
 * a valid model.json also loads). The weights are read by a worker answering `readModel`; the
 * fuzz test runs the real handlers behind a fake Worker (bridge.ts).
 */
export const modelFiles: UntrustedInput = {
  name: 'TF.js model files',
  seeds: async () => [(await exportedModel()).modelJson],
  open: async (text) => {
    const { weights } = await exportedModel();
    clearReports();
    await importModelFiles([new File([text], 'model.json'), new File([weights], 'model.weights.bin')]);
    return verdict();
  },
};

/** Every input the app reads from outside; a parser that joins adds its entry here. */
export const UNTRUSTED_INPUTS: UntrustedInput[] = [architectureFile, shareLink, lessonLink, compressedLessonLink, modelFiles, ...GUIDE_INPUTS];
