// Guided lessons and challenges in the store: progress, the open step's answer and feedback, the active challenge, the class table.

import type { Challenge } from '../../model/guide/challenge';
import type { ClassTable } from '../../model/guide/classTable';
import { EMPTY_TABLE } from '../../model/guide/classTable';
import type { GuideProgress } from '../../model/guide/progress';
import { EMPTY_PROGRESS } from '../../model/guide/progress';
import type { CheckResult } from '../../model/guide/types';

/** Where the guide is: hidden, the lesson list, a lesson's step, or that step made small. */
export type GuidePanel = 'closed' | 'list' | 'step' | 'minimized';

export interface GuideState {
  progress: GuideProgress;
  panel: GuidePanel;
  /** The open step's typed answer, its last feedback and wrong tries (the hint shows after one). */
  answer: string;
  feedback: CheckResult | null;
  tries: number;
  /** What entering the step did to the builder, said once. */
  note: string | null;
  challenge: { challenge: Challenge; fromTeacher: boolean } | null;
  classTable: ClassTable;
  /** The class table section is showing. */
  classOpen: boolean;
  /** When the "send my result" dialog was opened (the claim's time); null while it is closed. */
  resultAt: number | null;
  /** The name a learner puts on result links (kept for next time). */
  learnerName: string;
  /** The class-table entry being retrained here, and the run doing it. */
  retraining: { entryId: string; runId: number } | null;
  /** A one-off message: a result link added to the table, or refused. */
  message: string | null;
  /** The test digit the inspector shows, with its label and the network's guess. */
  inspected: { index: number; label: number; guess: number } | null;
  /** Networks (JSON) the guide itself put in the builder this visit: replacing them again loses nothing of the learner's. */
  placed: string[];
}

export interface GuideSlice {
  guide: GuideState;
}

export function initialGuide(): GuideSlice {
  return {
    guide: {
      progress: EMPTY_PROGRESS,
      panel: 'closed',
      answer: '',
      feedback: null,
      tries: 0,
      note: null,
      challenge: null,
      classTable: EMPTY_TABLE,
      classOpen: false,
      resultAt: null,
      learnerName: '',
      retraining: null,
      message: null,
      inspected: null,
      placed: [],
    },
  };
}
