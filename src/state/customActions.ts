// Editing the learner's own datasets: classes, examples, undo, import and export, each change kept (see customPersist).

import type { CustomDataset } from '../data/customDataset';
import { EXAMPLE_BYTES, MAX_EXAMPLES, MAX_EXAMPLES_PER_CLASS, cleanName, duplicateName, emptyDataset, exampleCount, parseCustomDataset, serializeCustomDataset } from '../data/customDataset';
import { MAX_CLASSES } from '../model/datasets';
import type { CustomWhich } from './customSlice';
import { useAppStore } from './store';

/** Undo steps the editor keeps. */
const UNDO_LIMIT = 100;

const KEY: Record<CustomWhich, 'customDataset' | 'myDigits'> = { custom: 'customDataset', myDigits: 'myDigits' };

export function customSet(which: CustomWhich): CustomDataset {
  return useAppStore.getState()[KEY[which]];
}

/** Replace one set as an undoable step, saying nothing went wrong. */
function commit(which: CustomWhich, next: CustomDataset, info: string | null = null): void {
  useAppStore.setState((s) => ({
    [KEY[which]]: next,
    customPast: [...s.customPast, { which, dataset: s[KEY[which]] }].slice(-UNDO_LIMIT),
    customError: null,
    customInfo: info,
  }));
}

function fail(message: string): void {
  useAppStore.setState({ customError: message, customInfo: null });
}

function withClass(dataset: CustomDataset, index: number, edit: (c: CustomDataset['classes'][number]) => CustomDataset['classes'][number]): CustomDataset {
  return { ...dataset, classes: dataset.classes.map((c, i) => (i === index ? edit(c) : c)) };
}

/** Add a class named "class N" (the first N not taken), up to ten. */
export function addCustomClass(): void {
  const dataset = customSet('custom');
  if (dataset.classes.length >= MAX_CLASSES) {
    fail(`A dataset has at most ${MAX_CLASSES} classes.`);
    return;
  }
  const taken = new Set(dataset.classes.map((c) => c.name.toLocaleLowerCase('en-US')));
  let n = dataset.classes.length + 1;
  while (taken.has(`class ${n}`)) n++;
  commit('custom', { ...dataset, classes: [...dataset.classes, { name: `class ${n}`, examples: [] }] });
}

/** Rename a class; returns why not (empty, too long, taken) and changes nothing then. */
export function renameCustomClass(index: number, raw: string): string | null {
  const dataset = customSet('custom');
  const named = cleanName(raw, 'The class name');
  if (!named.ok) return named.error;
  const names = dataset.classes.map((c, i) => (i === index ? named.name : c.name));
  const twice = duplicateName(names);
  if (twice !== null) return `Another class is already called "${twice}".`;
  if (dataset.classes[index]?.name !== named.name) commit('custom', withClass(dataset, index, (c) => ({ ...c, name: named.name })));
  return null;
}

export function renameCustomDataset(raw: string): string | null {
  const named = cleanName(raw, 'The dataset name');
  if (!named.ok) return named.error;
  const dataset = customSet('custom');
  if (dataset.name !== named.name) commit('custom', { ...dataset, name: named.name });
  return null;
}

export function removeCustomClass(index: number): void {
  const dataset = customSet('custom');
  if (!dataset.classes[index]) return;
  commit('custom', { ...dataset, classes: dataset.classes.filter((_, i) => i !== index) });
}

/** Add a 28×28 example to a class; returns why not. */
export function addExample(which: CustomWhich, classIndex: number, pixels: Uint8Array): string | null {
  const dataset = customSet(which);
  const target = dataset.classes[classIndex];
  let problem: string | null = null;
  if (!target) problem = 'That class no longer exists.';
  else if (pixels.length !== EXAMPLE_BYTES) problem = 'An example must be a 28×28 image.';
  else if (!pixels.some((v) => v > 0)) problem = 'Draw something first: the pad is empty.';
  else if (target.examples.length >= MAX_EXAMPLES_PER_CLASS) problem = `A class holds at most ${MAX_EXAMPLES_PER_CLASS} examples.`;
  else if (exampleCount(dataset) >= MAX_EXAMPLES) problem = `A dataset holds at most ${MAX_EXAMPLES.toLocaleString('en-US')} examples.`;
  if (problem) {
    fail(problem);
    return problem;
  }
  commit(which, withClass(dataset, classIndex, (c) => ({ ...c, examples: [...c.examples, pixels.slice()] })));
  return null;
}

/** Add several prepared pictures to a class at once, as one undo step; returns how many went in. */
export function addExamples(which: CustomWhich, classIndex: number, images: Uint8Array[]): number {
  const dataset = customSet(which);
  const target = dataset.classes[classIndex];
  if (!target) return 0;
  const room = Math.max(0, Math.min(MAX_EXAMPLES_PER_CLASS - target.examples.length, MAX_EXAMPLES - exampleCount(dataset)));
  const taken = images.filter((p) => p.length === EXAMPLE_BYTES && p.some((v) => v > 0)).slice(0, room);
  if (taken.length > 0) commit(which, withClass(dataset, classIndex, (c) => ({ ...c, examples: [...c.examples, ...taken.map((p) => p.slice())] })));
  if (taken.length < images.length) fail(`${images.length - taken.length} of the ${images.length} pictures were not added (blank, or the class is full).`);
  return taken.length;
}

export function removeExample(which: CustomWhich, classIndex: number, exampleIndex: number): void {
  const dataset = customSet(which);
  if (!dataset.classes[classIndex]?.examples[exampleIndex]) return;
  commit(which, withClass(dataset, classIndex, (c) => ({ ...c, examples: c.examples.filter((_, i) => i !== exampleIndex) })));
}

/** Put back the set as it was before the last change (to either set). */
export function undoCustom(): void {
  useAppStore.setState((s) => {
    const last = s.customPast.at(-1);
    if (!last) return s;
    return { [KEY[last.which]]: last.dataset, customPast: s.customPast.slice(0, -1), customError: null, customInfo: null };
  });
}

/** Empty a set (undoable). */
export function clearCustom(which: CustomWhich): void {
  commit(which, emptyDataset(which === 'custom' ? 'custom' : 'mnist'));
}

/** The file for a set: name and text. */
export function exportCustom(which: CustomWhich): { fileName: string; text: string } {
  const dataset = customSet(which);
  const slug = dataset.name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 40) || 'dataset';
  return { fileName: `${slug}.dataset.json`, text: serializeCustomDataset(dataset) };
}

/**
 * Read a dataset file into the set it is for (your own classes, or your own digits); a bad file
 * changes nothing and says why. Returns which set it replaced, or null.
 */
export function importCustom(text: string, fileName: string): CustomWhich | null {
  const result = parseCustomDataset(text);
  if (!result.ok) {
    fail(`"${fileName.length > 60 ? `${fileName.slice(0, 57)}…` : fileName}" was not imported: ${result.error}`);
    return null;
  }
  const which: CustomWhich = result.dataset.kind === 'mnist' ? 'myDigits' : 'custom';
  const n = exampleCount(result.dataset);
  commit(which, result.dataset, `Imported "${result.dataset.name}": ${result.dataset.classes.length} classes, ${n} example${n === 1 ? '' : 's'}.`);
  return which;
}

export function dismissCustomMessage(): void {
  useAppStore.setState({ customError: null, customInfo: null });
}
