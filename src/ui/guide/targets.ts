// Where each lesson target is on the page: selectors tried in order, so a step still points
// somewhere sensible before the element it is about exists (a test error before any run).

import type { Target, TargetName } from '../../model/guide/types';

const SELECTORS: Record<TargetName, readonly string[]> = {
  presets: ['.field:has([data-testid="preset-select"])', '[data-testid="preset-select"]'],
  'input-size': ['[data-testid="input-row"]'],
  palette: ['.palette'],
  layers: ['.builder-stack', '#build'],
  layer: [], // by index, below
  totals: ['.totals', '#build'],
  dataset: ['.dataset-picker', '#train'],
  'train-settings': ['fieldset.settings', '#train'],
  'train-controls': ['.run-controls', '#train'],
  'test-error': ['[data-testid="test-error"]', '[data-testid="train-status"]', '#train'],
  curves: ['#learning-curves'],
  draw: ['#draw'],
  prediction: ['[data-testid="prediction"]', '#draw'],
  inspect: ['#inspect'],
  'feature-maps': ['#feature-maps', '#network', '#inspect'],
  'neuron-detail': ['[data-testid="neuron-detail"]', '#network', '#inspect'],
  mistakes: ['[data-testid="mistakes-panel"]', '#inspect'],
  results: ['[data-testid="results-panel"]'],
  history: ['#run-history'],
  digits: ['#digits'],
};

/** The element a target points at now, or null when it is not on the page. */
export function findTarget(target: Target, root: ParentNode = document): Element | null {
  if (target.name === 'layer') {
    const rows = root.querySelectorAll('[data-testid="layer-row"]');
    return rows[target.layer ?? 0] ?? root.querySelector('.builder-stack');
  }
  for (const selector of SELECTORS[target.name]) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}
