// Loads the MNIST assets served with the app into the worker, reporting download progress.

import { loadMnist } from '../data/load';
import type { MnistBytes } from './dataset';

/** Where the build puts the assets, relative to the page (works under any base path). */
const DATA_URL = new URL(`${import.meta.env.BASE_URL}data/`, self.location.origin).href;

export async function loadDataset(onProgress: (loadedBytes: number, totalBytes: number) => void): Promise<{ bytes: MnistBytes; fromCache: boolean }> {
  const result = await loadMnist(DATA_URL, (p) => onProgress(p.loadedBytes, p.totalBytes));
  return {
    bytes: {
      trainImages: result.trainImages,
      trainLabels: result.trainLabels,
      testImages: result.testImages,
      testLabels: result.testLabels,
    },
    fromCache: result.fromCache,
  };
}
