// The app's one zustand store, built from slices; actions live in the slices' modules.

import { create } from 'zustand';
import type { BuilderSlice } from './builderSlice';
import { initialBuilder } from './builderSlice';
import type { AccuracySlice } from './accuracySlice';
import { initialAccuracy } from './accuracySlice';
import type { TrainingSlice } from './trainingSlice';
import { initialTraining } from './trainingSlice';

export type AppState = BuilderSlice & TrainingSlice & AccuracySlice;

export const useAppStore = create<AppState>()(() => ({
  ...initialBuilder(),
  ...initialTraining(),
  ...initialAccuracy(),
}));

/** For tests: put the store back as a fresh page would have it. */
export function resetStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
