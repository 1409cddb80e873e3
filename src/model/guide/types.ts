// Guided lessons as plain data: steps, the part of the app each points at, tasks and their checks.

import type { Analysis } from '../analyze';
import type { Architecture } from '../architecture';
import type { TrainSettings } from '../training';
import type { UnitRef } from '../units';

/**
 * Parts of the app a step can point at. The UI maps each name to an element (src/ui/guide/targets.ts);
 * the names stay stable when the elements move.
 */
export const TARGETS = [
  'presets',
  'input-size',
  'palette',
  'layers',
  'layer',
  'totals',
  'dataset',
  'train-settings',
  'train-controls',
  'test-error',
  'curves',
  'draw',
  'prediction',
  'inspect',
  'feature-maps',
  'neuron-detail',
  'mistakes',
  'results',
  'history',
  'digits',
] as const;
export type TargetName = (typeof TARGETS)[number];

/** Where a step points: an area, or one layer's block (`layer`, 0-based). */
export interface Target {
  name: TargetName;
  /** For `layer`: which block. */
  layer?: number;
}

/** A unit picked in the explanation views (the network view, the feature maps): the store's selected unit. */
export type SelectedUnit = UnitRef;

/** The last run that finished and was scored on the test set. */
export interface RunFigures {
  architecture: Architecture;
  settings: TrainSettings;
  /** Epochs the weights were trained in all. */
  epochs: number;
  /** Percent of the 10,000 test digits misclassified. */
  testError: number;
  /** Training time, evaluation excluded. */
  seconds: number;
}

/** What the checks see of the live app: plain data, built by the state layer. */
export interface GuideSnapshot {
  architecture: Architecture;
  analysis: Analysis;
  settings: TrainSettings;
  /** The last finished, scored run; null before any. */
  lastRun: RunFigures | null;
  /** A run is loading, training or paused. */
  running: boolean;
  /** The worker holds trained weights for the network in the builder. */
  weightsFit: boolean;
  selectedUnit: SelectedUnit | null;
  /** The test digit shown in "Look inside", with its label and the network's guess (null when it is the drawn digit or not answered yet). */
  inspected: { index: number; label: number; guess: number } | null;
  /** What the learner typed into the step's answer field. */
  answer: string;
  /** The dataset the network is built for. */
  dataset: string;
}

export type CheckResult = { ok: true; message: string } | { ok: false; message: string };

/** Something the UI can do for the learner ("show me"), described as data. */
export type GuideAction =
  /** Replace the network; the UI first keeps the current one in Models and says so. */
  | { type: 'setArchitecture'; architecture: Architecture }
  /** Change only the input size of the network being edited. */
  | { type: 'setInput'; size: 28 | 32 }
  | { type: 'setSettings'; settings: Partial<TrainSettings> }
  | { type: 'train' }
  | { type: 'fillAnswer'; text: string }
  | { type: 'selectUnit'; unit: SelectedUnit }
  | { type: 'inspectMistake' };

export type TaskKind = 'answer' | 'build' | 'train' | 'explore';

export interface Task {
  /**
   * `answer`: typed into the step's field; `build`: done in the builder; `train`: a finished run;
   * `explore`: something picked in the explanation views.
   */
  kind: TaskKind;
  /** The question or instruction. */
  prompt: string;
  check: (s: GuideSnapshot) => CheckResult;
  /** Shown after a wrong try. */
  hint: string;
  /** What "Show me" does; the UI performs the actions in order (a function when they depend on the state). */
  showMe: GuideAction[] | ((s: GuideSnapshot) => GuideAction[]);
  /** Placeholder for the answer field, e.g. "a number". */
  placeholder?: string;
}

export interface Step {
  /** Stable within its lesson: progress is stored by it. */
  id: string;
  title: string;
  /** A few sentences, each paragraph a string. */
  text: string[];
  target: Target;
  /** Absent: a step to read; Next is always open. */
  task?: Task;
  /**
   * The network this step starts from, when it needs a particular one. The UI puts it in the
   * builder on entering the step unless `keep` says the learner's own will do, saving the
   * current network in Models first and saying so.
   */
  setup?: { architecture: Architecture; settings?: Partial<TrainSettings>; keep?: (s: GuideSnapshot) => boolean; why: string };
}

export interface GuideLesson {
  /** Stable: links and progress use it. */
  id: string;
  /** 1-based order, as the list shows it. */
  number: number;
  title: string;
  /** One line on what the lesson covers. */
  summary: string;
  /** Where in the seed it comes from, e.g. "Crash course 18.3". */
  source: string;
  steps: Step[];
}
