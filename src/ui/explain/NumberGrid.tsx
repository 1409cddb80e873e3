// A small square grid of numbers, each cell tinted by its value: a window of inputs, a kernel, or their products.
import type { Rgb } from './colors';
import { css, num, textOn } from './colors';

export interface GridCell {
  value: number;
  color: Rgb;
  /** Drawn as padding: a zero that is not part of the input. */
  padding?: boolean;
  /** Marked (the winner of a max pool). */
  marked?: boolean;
}

/** `padding`: how a padding cell reads: a zero (convolution), or a dot for a cell the window skips (pooling). */
export function NumberGrid({ cells, side, title, label, testId, padding = 'zero' }: { cells: readonly GridCell[]; side: number; title: string; label: string; testId?: string; padding?: 'zero' | 'skipped' }) {
  return (
    <figure className="number-grid" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <table aria-label={label}>
        <tbody>
          {Array.from({ length: side }, (_, r) => (
            <tr key={r}>
              {cells.slice(r * side, (r + 1) * side).map((c, q) => (
                <td
                  key={q}
                  className={`${c.padding ? 'padding' : ''}${c.marked ? ' marked' : ''}`}
                  style={c.padding ? undefined : { background: css(c.color), color: textOn(c.color) }}
                  title={c.padding ? (padding === 'zero' ? 'padding: a zero outside the input' : 'padding: outside the input, left out') : String(c.value)}
                >
                  {c.padding ? (padding === 'zero' ? '0' : '·') : num(c.value, 3)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
