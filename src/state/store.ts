// The app's one zustand store, built from slices; actions live in the slices' modules.

import { create } from 'zustand';
import type { BuilderSlice } from './builderSlice';
import { initialBuilder } from './builderSlice';

export type AppState = BuilderSlice;

export const useAppStore = create<AppState>()(() => ({
  ...initialBuilder(),
}));

/** For tests: put the store back as a fresh page would have it. */
export function resetStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
