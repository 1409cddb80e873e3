// Checking weights for NaN and infinities: a diverged run, a corrupted file or stored record.

/** Where the first non-finite value is, and how many there are; null when every value is finite. */
export function nonFinite(values: readonly ArrayLike<number>[]): { count: number; tensor: number; index: number } | null {
  let count = 0;
  let tensor = -1;
  let index = -1;
  values.forEach((v, t) => {
    for (let i = 0; i < v.length; i++) {
      if (Number.isFinite(v[i]!)) continue;
      count++;
      if (tensor < 0) [tensor, index] = [t, i];
    }
  });
  return count > 0 ? { count, tensor, index } : null;
}

/** A sentence for the learner when `values` hold NaN or infinite numbers, or null when they do not. */
export function nonFiniteProblem(values: readonly ArrayLike<number>[], names?: readonly string[]): string | null {
  const bad = nonFinite(values);
  if (!bad) return null;
  const where = names?.[bad.tensor] ? `“${names[bad.tensor]!.slice(0, 60)}”` : `weight tensor ${bad.tensor + 1}`;
  const plural = bad.count === 1 ? 'value is' : 'values are';
  return `${bad.count.toLocaleString('en-US')} weight ${plural} NaN or infinite (the first in ${where}), as a diverged run leaves them; a network cannot use them.`;
}
