// Decodes picked image files in the browser and prepares each as a 28×28 example (src/data/imageFile.ts does the preparing).
import { prepareImage } from '../../data/imageFile';
import type { Preparation } from '../../model/datasets';

/** Larger pictures are scaled down to this long side before preparing: 28×28 needs no more, and memory stays small. */
const WORK_SIDE = 256;
/** A picture file larger than this is not a drawing or a photo of one. */
export const MAX_IMAGE_BYTES = 20_000_000;
/** One upload takes at most this many files. */
export const MAX_IMAGES = 200;

export interface PreparedFile {
  name: string;
  /** 28×28 bytes, or null with `problem` saying why not. */
  pixels: Uint8Array | null;
  inverted: boolean;
  problem: string | null;
}

const shortName = (name: string) => (name.length > 40 ? `${name.slice(0, 37)}…` : name);

async function prepareFile(file: File, preparation: Preparation): Promise<PreparedFile> {
  const name = shortName(file.name);
  if (file.size > MAX_IMAGE_BYTES) return { name, pixels: null, inverted: false, problem: 'larger than 20 MB' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { name, pixels: null, inverted: false, problem: 'not an image the browser can read' };
  }
  try {
    const scale = Math.min(1, WORK_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { name, pixels: null, inverted: false, problem: 'the browser could not draw it' };
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    const prepared = prepareImage(data, width, height, preparation);
    return { name, ...prepared, problem: prepared.pixels ? null : 'it looks blank' };
  } finally {
    bitmap.close();
  }
}

/** Every picked file prepared (or with the reason it could not be), in the order picked. */
export async function prepareFiles(files: File[], preparation: Preparation): Promise<PreparedFile[]> {
  const out: PreparedFile[] = [];
  for (const file of files.slice(0, MAX_IMAGES)) out.push(await prepareFile(file, preparation));
  return out;
}
