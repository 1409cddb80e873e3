// Challenge actions: the active challenge, result links sent and received, and the class table with retraining to confirm.

import type { Challenge, Judgement } from '../../model/guide/challenge';
import { judgeRun } from '../../model/guide/challenge';
import type { ClassEntry } from '../../model/guide/classTable';
import { addClaim, confirmEntry, removeEntry } from '../../model/guide/classTable';
import type { ResultClaim, ResultRead } from '../../model/guide/resultLink';
import { readResultHash } from '../../model/guide/resultLink';
import type { RunFigures } from '../../model/guide/types';
import type { RunRecord } from '../history/record';
import { rejectInput } from '../builderActions';
import { useAppStore } from '../store';
import type { RunEvent } from '../runEvents';
import { isRunning, keyOf } from '../selectors';
import { startTraining, updateSettings, whyCannotTrain } from '../trainingActions';
import { patchGuide, replaceForLesson } from './lessonActions';
import { latestScoredRun } from './snapshot';

export function setChallenge(challenge: Challenge | null, fromTeacher = false): void {
  patchGuide({ challenge: challenge ? { challenge, fromTeacher } : null });
}

/** The latest scored run against a challenge; null before any run. */
export function judgeLatest(challenge: Challenge, runs: readonly RunRecord[]): Judgement | null {
  const run = latestScoredRun(runs);
  return run ? judgeRun(challenge, run) : null;
}

export function openResultDialog(open: boolean): void {
  patchGuide({ resultAt: open ? Date.now() : null });
}

export function setLearnerName(name: string): void {
  patchGuide({ learnerName: name });
}

/** What a result link claims: the challenge and the latest scored run, at `at`. */
export function claimOf(challenge: Challenge, runs: readonly RunRecord[], at: number): Omit<ResultClaim, 'name'> | null {
  const run = latestScoredRun(runs);
  return run ? { challenge, run, at } : null;
}

/** A result link opened on this device: its claim joins the class table (the network in the builder stays). */
export function receiveResult(read: ResultRead): void {
  if (!read.ok) {
    // Said where every refused link is said: the banner above the builder.
    rejectInput(read.error);
    return;
  }
  const { claim } = read;
  patchGuide((g) => {
    const { table, added } = addClaim(g.classTable, claim, Date.now());
    return {
      classTable: table,
      classOpen: true,
      message: added
        ? `Added ${claim.name}’s result (${claim.run.testError.toFixed(2)}% claimed) to the class table for “${claim.challenge.title}”.`
        : `${claim.name}’s result is already in the class table.`,
    };
  });
}

/** Read a #r= hash; false when it is not a result link. */
export async function loadResultHash(hash: string): Promise<boolean> {
  const read = await readResultHash(hash);
  if (!read) return false;
  receiveResult(read);
  return true;
}

export function dismissGuideMessage(): void {
  patchGuide({ message: null });
}

export function showClassTable(open: boolean): void {
  patchGuide({ classOpen: open });
}

/** Put an entry's network and settings in the builder (the teacher's own is kept in Models first). */
export async function openClassEntry(entry: ClassEntry): Promise<boolean> {
  const note = await replaceForLesson(entry.claim.run.architecture, `opening ${entry.claim.name}’s network`);
  const s = useAppStore.getState();
  const opened = keyOf(s.architecture) === keyOf(entry.claim.run.architecture);
  if (opened) updateSettings(entry.claim.run.settings);
  patchGuide({ message: opened ? `Opened ${entry.claim.name}’s network with their training settings. ${note}`.trim() : note });
  return opened;
}

/** Open an entry and train it here, to confirm (or not) the figure its learner claims. */
export async function retrainClassEntry(entry: ClassEntry): Promise<void> {
  if (isRunning(useAppStore.getState())) {
    patchGuide({ message: 'A run is going: stop it before retraining a learner’s network.' });
    return;
  }
  if (!(await openClassEntry(entry))) return;
  const why = whyCannotTrain();
  if (why) {
    patchGuide({ message: `${entry.claim.name}’s network cannot be trained here: ${why}` });
    return;
  }
  startTraining();
  const run = useAppStore.getState().run;
  if (run) patchGuide({ retraining: { entryId: entry.id, runId: run.id } });
}

export function removeClassEntry(id: string): void {
  patchGuide((g) => ({ classTable: removeEntry(g.classTable, id) }));
}

/** When the retraining run ends, record its test score beside the claim; a run that fails or is discarded lets go. */
export function followRetraining(event: RunEvent): void {
  const s = useAppStore.getState();
  const r = s.guide.retraining;
  if (!r || event.type !== 'ended' || event.runId !== r.runId) return;
  // The test set is scored before the run says it is done (or stopped).
  const scored = (event.how === 'done' || event.how === 'stopped') && s.evaluation !== null && s.run?.id === r.runId;
  const result: Pick<RunFigures, 'testError' | 'epochs'> | null = scored ? { testError: s.evaluation!.testError, epochs: s.run!.epoch } : null;
  patchGuide((g) => ({ retraining: null, classTable: result ? confirmEntry(g.classTable, r.entryId, result, Date.now()) : g.classTable }));
}
