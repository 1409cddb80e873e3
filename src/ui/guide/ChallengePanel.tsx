// The active challenge beside the training controls, and the dialog that sends a result to the teacher.
import { useMemo } from 'react';
import { claimOf, judgeLatest, openResultDialog, setChallenge, setLearnerName } from '../../state/guide/challengeActions';
import { useAppStore } from '../../state/store';
import { ChallengeStatus } from './ChallengeStatus';
import { ResultDialog } from './ResultDialog';
import './guide.css';

export function ChallengePanel() {
  const active = useAppStore((s) => s.guide.challenge);
  const runs = useAppStore((s) => s.history.runs);
  const resultAt = useAppStore((s) => s.guide.resultAt);
  const name = useAppStore((s) => s.guide.learnerName);
  const judgement = useMemo(() => (active ? judgeLatest(active.challenge, runs) : null), [active, runs]);
  const claim = useMemo(() => (active && resultAt !== null ? claimOf(active.challenge, runs, resultAt) : null), [active, runs, resultAt]);
  if (!active) return null;
  return (
    <>
      <ChallengeStatus challenge={active.challenge} judgement={judgement} fromTeacher={active.fromTeacher} onSend={() => openResultDialog(true)} onLeave={() => setChallenge(null)} />
      <ResultDialog claim={claim} name={name} onName={setLearnerName} onClose={() => openResultDialog(false)} />
    </>
  );
}
