// Drawing and looking inside: the drawn digit as the network sees it, and which digit the inspector shows.

/** The digit the feature-map view looks at: the drawn one, or a test digit by index (from 0). */
export type InspectSource = { kind: 'drawn' } | { kind: 'test'; index: number };

export interface DrawSlice {
  /** The drawn digit preprocessed as MNIST (28×28 bytes), with a version that changes on every edit; null while the canvas is empty. */
  drawn: { pixels: Uint8Array; version: number } | null;
  inspectSource: InspectSource;
}

export function initialDraw(): DrawSlice {
  return { drawn: null, inspectSource: { kind: 'drawn' } };
}
