// The app's one zustand store, built from slices; actions live in the slices' modules.

import { create } from 'zustand';
import type { BuilderSlice } from './builderSlice';
import { initialBuilder } from './builderSlice';
import type { DrawSlice } from './drawSlice';
import { initialDraw } from './drawSlice';
import type { ExplainSlice } from './explainSlice';
import { initialExplain } from './explainSlice';
import type { Prefs } from './prefs';
import { DEFAULT_PREFS } from './prefs';
import type { HistorySlice } from './history/historySlice';
import { initialHistory } from './history/historySlice';
import type { AccuracySlice } from './accuracySlice';
import { initialAccuracy } from './accuracySlice';
import type { TrainingSlice } from './trainingSlice';
import { initialTraining } from './trainingSlice';
import type { PersistSlice } from './persistSlice';
import { initialPersist } from './persistSlice';
import type { ReplaySlice } from './replaySlice';
import { initialReplay } from './replaySlice';
import type { CustomSlice } from './customSlice';
import { initialCustom } from './customSlice';
import type { GuideSlice } from './guide/guideSlice';
import { initialGuide } from './guide/guideSlice';

export type AppState = BuilderSlice & TrainingSlice & DrawSlice & ExplainSlice & PersistSlice & HistorySlice & AccuracySlice & CustomSlice & ReplaySlice & GuideSlice & { prefs: Prefs };

export const useAppStore = create<AppState>()(() => ({
  ...initialBuilder(),
  ...initialTraining(),
  ...initialDraw(),
  ...initialExplain(),
  ...initialPersist(),
  ...initialHistory(),
  prefs: DEFAULT_PREFS,
  ...initialAccuracy(),
  ...initialCustom(),
  ...initialReplay(),
  ...initialGuide(),
}));

/** For tests: put the store back as a fresh page would have it. */
export function resetStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
