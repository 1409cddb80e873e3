// A note beside the current run's loss when its network has kernel regularisers: the loss includes them.
import { useMemo } from 'react';
import type { Architecture } from '../../model/architecture';
import { activeRegularizer } from '../../model/architecture';
import { useAppStore } from '../../state/store';

/** Kinds of penalty ("L2", "L1 and L2") and how many layers carry one, in the run's network. */
function penalties(architectureKey: string | undefined): { kinds: string; layers: number } | null {
  if (!architectureKey) return null;
  try {
    const regs = (JSON.parse(architectureKey) as Architecture).layers.map(activeRegularizer).filter((r) => r !== null);
    if (regs.length === 0) return null;
    const kinds = [regs.some((r) => r.l1 !== 0) ? 'L1' : null, regs.some((r) => r.l2 !== 0) ? 'L2' : null].filter((k) => k !== null);
    return { kinds: kinds.join(' and '), layers: regs.length };
  } catch {
    return null;
  }
}

export function PenaltyNote() {
  const key = useAppStore((s) => s.run?.architectureKey);
  const found = useMemo(() => penalties(key), [key]);
  if (!found) return null;
  return (
    <p className="muted small" data-testid="loss-penalty-note" data-layers={found.layers}>
      loss and val_loss include the {found.kinds} penalty of the kernel regularisers ({found.layers === 1 ? 'one layer' : `${found.layers} layers`}), as
      Keras reports them; accuracy and the test error are the network’s answers alone.
    </p>
  );
}
