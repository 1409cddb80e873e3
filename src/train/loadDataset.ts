// Loads a built-in dataset's assets (as the registry names them) into the worker, reporting download progress.

import { loadAssets } from '../data/load';
import type { DatasetId } from '../model/datasets';
import { DATASETS } from '../model/datasets';
import type { DatasetBytes } from './protocol';

/** Where the build puts a dataset's assets, relative to the page (works under any base path). */
const dataUrl = (dir: string) => new URL(`${import.meta.env.BASE_URL}${dir}`, self.location.origin).href;

export async function loadDataset(
  dataset: Exclude<DatasetId, 'custom'>,
  onProgress: (loadedBytes: number, totalBytes: number) => void,
): Promise<{ bytes: DatasetBytes; fromCache: boolean }> {
  const info = DATASETS[dataset];
  const assets = info.assets!;
  const source = { manifestFormat: assets.manifestFormat, cacheName: assets.cacheName, title: dataset === 'mnist' ? 'MNIST' : info.name };
  const result = await loadAssets(dataUrl(assets.dir), source, (p) => onProgress(p.loadedBytes, p.totalBytes));
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
