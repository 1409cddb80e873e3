// State for the accuracy features: how the last run ended when early stopping cut it short.

export interface EarlyStopInfo {
  runId: number;
  /** The epoch after which the run stopped. */
  epoch: number;
  /** The epoch whose weights were kept (lowest validation loss). */
  bestEpoch: number;
  bestLoss: number;
}

export interface AccuracySlice {
  /** Set by the worker's earlyStopped message; belongs to the run with the same id. */
  earlyStop: EarlyStopInfo | null;
}

export function initialAccuracy(): AccuracySlice {
  return { earlyStop: null };
}
