// Builder state: the architecture being edited, its undo/redo history, and link/file rejections.

import type { Architecture } from '../model/architecture';
import { DEFAULT_PRESET_ID, findPreset } from '../model/presets';

export interface BuilderSlice {
  architecture: Architecture;
  /** Earlier architectures, most recent last. */
  past: Architecture[];
  /** Undone architectures, most recent last. */
  future: Architecture[];
  /** Why the last link or file was rejected (the network stayed as it was). */
  rejection: string | null;
  /** Groups rapid edits of one field into a single undo step. */
  lastEdit: { key: string; at: number } | null;
  /** A lesson link locked the network: it cannot be edited until the learner unlocks it. */
  locked: boolean;
  /** The keyboard shortcut list is showing. */
  shortcutsOpen: boolean;
}

export function initialBuilder(): BuilderSlice {
  return {
    architecture: findPreset(DEFAULT_PRESET_ID)!.architecture,
    past: [],
    future: [],
    rejection: null,
    lastEdit: null,
    locked: false,
    shortcutsOpen: false,
  };
}
