// Custom dataset state: the learner's own classes, their own digits beside MNIST, the editor's undo, and what happened.

import type { CustomDataset } from '../data/customDataset';
import { emptyDataset } from '../data/customDataset';

/** Which of the two sets an action is for: the learner's own classes, or their own digits. */
export type CustomWhich = 'custom' | 'myDigits';

export interface CustomSlice {
  /** The learner's own classes (the `custom` dataset). */
  customDataset: CustomDataset;
  /** The learner's own handwritten digits, a small set kept beside MNIST. */
  myDigits: CustomDataset;
  /** Earlier versions for the editor's Undo, most recent last. */
  customPast: { which: CustomWhich; dataset: CustomDataset }[];
  /** Loaded from IndexedDB yet (the editor waits, so nothing is overwritten before). */
  customLoaded: boolean;
  /** An import, save or load that failed; what was there before is untouched. */
  customError: string | null;
  /** A one-off report: what was imported or restored. */
  customInfo: string | null;
}

export function initialCustom(): CustomSlice {
  return {
    customDataset: emptyDataset('custom'),
    myDigits: emptyDataset('mnist'),
    customPast: [],
    customLoaded: false,
    customError: null,
    customInfo: null,
  };
}
