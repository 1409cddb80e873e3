// Export and import: architecture files, TF.js model files, Keras and PyTorch code. Files are data only.

import { analyze } from '../model/analyze';
import { fileBaseName, fileTooLarge, shortName } from '../model/files';
import { kerasScript } from '../model/keras';
import { exportCustom } from './customActions';
import { selectClassNames, selectCustomClasses, selectDatasetId, selectTrainCount } from './datasetSelectors';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import { findPreset, findPresetId } from '../model/presets';
import { readModelJson } from '../model/tfjsModel';
import { settingsProblems } from '../model/training';
import { commitArchitecture, rejectInput } from './builderActions';
import { openNetwork } from './models';
import { canonical } from './savedWeights';
import { isRunning, weightsFit } from './selectors';
import { useAppStore } from './store';
import { askWorker } from './worker';

export interface DownloadFile {
  name: string;
  type: string;
  data: string | ArrayBuffer;
}

function fail(text: string): void {
  useAppStore.setState({ persistError: text, persistBusy: null });
}

/** The base of exported file names: the preset's id, or "network". */
export function baseName(): string {
  return fileBaseName(findPresetId(useAppStore.getState().architecture) ?? 'network');
}

export function architectureFile(): DownloadFile | string {
  const { architecture } = useAppStore.getState();
  if (canonical(architecture) === null) return 'A field of the network is empty or not a number; fix it before exporting.';
  return { name: `${baseName()}-architecture.json`, type: 'application/json', data: `${serializeArchitecture(architecture, true)}\n` };
}

/** Why code cannot be written for the network and settings as they are; null when it can. */
function codeProblem(framework: string): string | null {
  const s = useAppStore.getState();
  const { architecture, settings } = s;
  if (!analyze(architecture, selectCustomClasses(s)).valid) return `Fix the network first (see the problems above the layers); ${framework} would refuse it too.`;
  const problems = settingsProblems(settings, selectTrainCount(s));
  return problems.length > 0 ? `Fix the training settings first: ${problems.join(' ')}` : null;
}

/** The preset's name for the script's first line, when the network is a preset. */
function title(): string | undefined {
  const id = findPresetId(useAppStore.getState().architecture);
  return id ? findPreset(id)!.name : undefined;
}

export function kerasFile(): DownloadFile | string {
  const { architecture, settings } = useAppStore.getState();
  const problem = codeProblem('Keras');
  if (problem) return problem;
  // The script reads the learner's classes from the file "Export dataset" writes, under the same name.
  const datasetFile = architecture.dataset === 'custom' ? exportCustom('custom').fileName : undefined;
  return { name: `${baseName()}.py`, type: 'text/x-python', data: kerasScript(architecture, settings, { title: title(), datasetFile }) };
}

/** The PyTorch script; its generator loads on the first click, so the page does not carry it. */
export async function pytorchFile(): Promise<DownloadFile | string> {
  const problem = codeProblem('PyTorch');
  if (problem) return problem;
  const { pytorchScript } = await import('../model/pytorch/script');
  const { architecture, settings } = useAppStore.getState();
  const base = baseName();
  // Like the Keras script, it reads the learner's classes from the file "Export dataset" writes, under that name.
  const datasetFile = architecture.dataset === 'custom' ? exportCustom('custom').fileName : undefined;
  return { name: `${base}-pytorch.py`, type: 'text/x-python', data: pytorchScript(architecture, settings, { title: title(), baseName: base, datasetFile }) };
}

/** model.json and its weights file, written by tfjs in the worker. */
export async function tfjsFiles(): Promise<DownloadFile[] | null> {
  const s = useAppStore.getState();
  if (isRunning(s)) {
    fail('Stop training before exporting the model.');
    return null;
  }
  if (!weightsFit(s)) {
    fail('There are no trained weights for this network yet; train it (or open a trained model) first.');
    return null;
  }
  const base = `${baseName()}-model`;
  useAppStore.setState({ persistBusy: 'Exporting…', persistError: null });
  const result = await askWorker('exportModel', { baseName: base, dataset: selectDatasetId(s), classNames: selectClassNames(s) });
  if (!result.ok) {
    fail(result.error);
    return null;
  }
  useAppStore.setState({ persistBusy: null });
  return [
    { name: `${base}.json`, type: 'application/json', data: result.value.modelJson },
    { name: `${base}.weights.bin`, type: 'application/octet-stream', data: result.value.weightsBin },
  ];
}

async function readText(file: File): Promise<string | null> {
  try {
    return await file.text();
  } catch {
    return null;
  }
}

/** Open an architecture file; a rejected one is explained in the builder's arch-error banner. */
export async function importArchitectureFile(file: File): Promise<void> {
  const name = shortName(file.name);
  const tooLarge = fileTooLarge('architecture', file.name, file.size);
  if (tooLarge) {
    rejectInput(tooLarge);
    return;
  }
  const text = await readText(file);
  if (text === null) {
    rejectInput(`“${name}” could not be read.`);
    return;
  }
  const parsed = parseArchitecture(text);
  if (!parsed.ok) {
    const hint = /"modelTopology"/.test(text) ? ' It looks like a TensorFlow.js model; import it under “TF.js model” with its weights file.' : '';
    rejectInput(`“${name}”: ${parsed.error}${hint}`);
    return;
  }
  commitArchitecture(parsed.architecture);
  useAppStore.setState({ persistInfo: `Opened the network in “${name}”.` });
}

/** Import a TF.js layers model (model.json plus its weight files), checking sizes before reading. */
export async function importModelFiles(files: File[]): Promise<void> {
  const s = useAppStore.getState();
  if (isRunning(s)) return fail('Stop training before importing a model.');
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) return fail('Pick the model’s .json file and its weights file (.bin) together.');
  const json = jsons[0]!;
  const others = files.filter((f) => f !== json);
  const tooLarge = [fileTooLarge('model.json', json.name, json.size), ...others.map((f) => fileTooLarge('weights', f.name, f.size))].find((m) => m !== null);
  if (tooLarge) return fail(tooLarge);
  useAppStore.setState({ persistBusy: 'Importing…', persistError: null });
  const text = await readText(json);
  if (text === null) return fail(`“${shortName(json.name)}” could not be read.`);
  const read = readModelJson(text);
  if (!read.ok) return fail(`“${shortName(json.name)}”: ${read.error}`);
  const needed = read.model.weightFiles.map((n) => ({ name: n, file: others.find((f) => f.name === n) }));
  const missing = needed.find((n) => !n.file);
  if (missing) return fail(`The model needs the weights file “${shortName(missing.name)}”; pick it together with “${shortName(json.name)}”.`);
  const bytes = needed.reduce((n, w) => n + w.file!.size, 0);
  if (bytes !== read.model.weightBytes) {
    return fail(`The weights do not match the network: it needs ${read.model.weightBytes.toLocaleString('en-US')} bytes of weights, the file has ${bytes.toLocaleString('en-US')}.`);
  }
  let weightFiles: { name: string; data: ArrayBuffer }[];
  try {
    weightFiles = await Promise.all(needed.map(async (w) => ({ name: w.name, data: await w.file!.arrayBuffer() })));
  } catch {
    return fail('The weights file could not be read.');
  }
  const result = await askWorker('readModel', { modelJson: text, weightFiles }, weightFiles.map((w) => w.data));
  if (!result.ok) return fail(`“${shortName(json.name)}”: ${result.error}`);
  useAppStore.setState({ persistBusy: null });
  const model = result.value;
  openNetwork(model.architecture, model.weights, model.epochsDone, `the model in “${shortName(json.name)}”`);
}
