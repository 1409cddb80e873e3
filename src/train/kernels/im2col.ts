// Convolution patches laid out for a filter-gradient matrix product (im2col, transposed).

/** Where a conv reads its input: the same numbers tfjs's Conv2DInfo carries. */
export interface PatchGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Writes the patches of NHWC `x` as rows: row (i·kw + j)·C + c holds, for every output pixel
 * (n, p, q) in order, x[n, p·sh + i − top, q·sw + j − left, c], zero where that falls in the
 * padding. With dy as a [n·oh·ow, outC] matrix, rows × dy is the filter gradient already in
 * tfjs's [kh, kw, inC, outC] layout. `out` holds kh·kw·C × n·oh·ow values.
 */
export function patchRows(x: Float32Array, g: PatchGeometry, out: Float32Array): void {
  const { batch, inHeight, inWidth, channels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padTop, padLeft } = g;
  const rowLength = batch * outHeight * outWidth;
  const xRow = inWidth * channels;
  const xImage = inHeight * xRow;
  for (let i = 0; i < filterHeight; i++) {
    for (let j = 0; j < filterWidth; j++) {
      // Output columns whose input column is inside the image: q in [qMin, qMax).
      const qMin = Math.min(outWidth, Math.max(0, Math.ceil((padLeft - j) / strideWidth)));
      const qMax = Math.max(qMin, Math.min(outWidth, Math.floor((inWidth - 1 + padLeft - j) / strideWidth) + 1));
      for (let c = 0; c < channels; c++) {
        let o = ((i * filterWidth + j) * channels + c) * rowLength;
        for (let n = 0; n < batch; n++) {
          for (let p = 0; p < outHeight; p++) {
            const r = p * strideHeight + i - padTop;
            if (r < 0 || r >= inHeight) {
              out.fill(0, o, o + outWidth);
              o += outWidth;
              continue;
            }
            const base = n * xImage + r * xRow + (j - padLeft) * channels + c;
            const step = strideWidth * channels;
            let q = 0;
            for (; q < qMin; q++) out[o++] = 0;
            for (; q < qMax; q++) out[o++] = x[base + q * step]!;
            for (; q < outWidth; q++) out[o++] = 0;
          }
        }
      }
    }
  }
}
