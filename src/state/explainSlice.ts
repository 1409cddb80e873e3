// Looking inside one input: the unit whose detail is open, the class the heat map explains, the latest explanation.

import type { Explanation } from '../model/explanation';
import type { UnitRef } from '../model/units';

export interface ExplainSlice {
  /** The unit whose detail is open and whose receptive field is drawn (lessons read it too); null when none. */
  selectedUnit: UnitRef | null;
  /** The class "why this guess" explains; null for the network's own guess. */
  explainTarget: number | null;
  /** The newest explanation of the input shown, as the views draw it; `key` names the question it answers. */
  explanation: { key: string; value: Explanation } | null;
}

export function initialExplain(): ExplainSlice {
  return { selectedUnit: null, explainTarget: null, explanation: null };
}
