// Keeps the store's explanation of the shown input current: on every change of input, unit or class, and once a second while training.
import { useEffect } from 'react';
import { askExplanation, explainQuestion, showExplanation } from '../../state/explainActions';
import { useAppStore } from '../../state/store';
import { useLatest, useShownWeights } from '../inspect/hooks';

/**
 * While training, the explanation follows the weights this often (ms): the drawn digit's guess is
 * asked as often, and the guess shows whichever of the two answers is newer, so the network view
 * never runs ahead of the guess beside it.
 */
export const LIVE_MS = 1000;

/**
 * Asks (latest wins, one in flight) and hands each answer to the store; says whether it is behind
 * and why it failed. `onScreen` false stops following each training step (the view is scrolled
 * away) but still answers every new input, unit, class and epoch, so the view is never empty.
 */
export function useExplanationFeed(onScreen: boolean): { busy: boolean; error: string | null } {
  const question = useAppStore((s) => explainQuestion(s).key);
  // Scrubbed back, the view explains that checkpoint (the question carries it) and stops following training.
  const tick = useShownWeights(LIVE_MS, onScreen).key;
  const key = tick ? `${question}@${tick}` : null;
  const answer = useLatest(key, () => askExplanation(explainQuestion(useAppStore.getState()).question));
  useEffect(() => {
    if (!tick) showExplanation(null);
  }, [tick]);
  useEffect(() => {
    // An answer that lands after the weights went describes weights that are gone.
    if (answer?.value.ok && tick) showExplanation({ key: answer.key, value: answer.value.value });
  }, [answer, tick]);
  return { busy: answer?.key !== key, error: answer && !answer.value.ok ? answer.value.error : null };
}
