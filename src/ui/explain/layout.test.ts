// The overview's sizes: the seed networks fit a 1280×800 screen beside the training panel at 3 px a cell or more; phones go top to bottom.
import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../model/explanation';
import { analyze } from '../../model/analyze';
import { findPreset } from '../../model/presets';
import { shapeSize } from '../../model/shape';
import { columnSpecs, overviewColumns } from './columns';
import { layoutOverview, MIN_CELL } from './layout';

/** An explanation of `preset` with zeros for values: only the shapes matter here. */
function explanationOf(preset: string): Explanation {
  const architecture = findPreset(preset)!.architecture;
  const side = architecture.input.height;
  const layers = analyze(architecture).rows.map((r) => {
    const s = r.outputShape!;
    return { shape: s.kind === 'flat' ? [s.units] : [s.height, s.width, s.channels], values: new Float32Array(shapeSize(s)) };
  });
  return { architecture, epochsDone: 0, seq: 0, input: new Float32Array(side * side), side, label: null, layers, logits: new Float32Array(10), probabilities: new Float32Array(10), saliency: { target: 0, values: new Float32Array(side * side) }, unit: null };
}

// The overview's box at 1280×800 beside the 340 px training panel, and the stacks' height under the panel's heading.
const WIDE = { width: 858, body: 660 };

describe('layoutOverview', () => {
  for (const preset of ['seed-mlp', 'seed-simple-cnn', 'seed-larger-cnn', 'crash-course', 'lenet5']) {
    it(`${preset} fits across a 1280×800 screen, every map at ${MIN_CELL} px a cell or more`, () => {
      const specs = columnSpecs(overviewColumns(explanationOf(preset)));
      const layout = layoutOverview(specs, WIDE.width, WIDE.body);
      expect(layout.direction).toBe('across');
      expect(layout.cell).toBeGreaterThanOrEqual(MIN_CELL);
      expect(layout.width).toBeLessThanOrEqual(WIDE.width);
      // Each stack's grid is no taller than the room: rows × (side × cell + gap).
      specs.forEach((s, i) => {
        if (s.kind !== 'maps') return;
        const rows = Math.ceil(s.count / layout.gridColumns[i]!);
        expect(rows * (s.height * layout.cell + 3) - 3).toBeLessThanOrEqual(WIDE.body);
      });
    });
  }

  it('the simple CNN is drawn at 3 px a cell there: its 32 conv maps in 4 columns of 8', () => {
    const specs = columnSpecs(overviewColumns(explanationOf('seed-simple-cnn')));
    const layout = layoutOverview(specs, WIDE.width, WIDE.body);
    expect(layout.cell).toBe(3);
    expect(layout.gridColumns[1]).toBe(4);
  });

  it('a small network is drawn larger', () => {
    const layout = layoutOverview(columnSpecs(overviewColumns(explanationOf('crash-course'))), WIDE.width, WIDE.body);
    expect(layout.cell).toBeGreaterThan(3);
  });

  it('a phone lays the layers top to bottom, maps wrapping across its width', () => {
    const specs = columnSpecs(overviewColumns(explanationOf('seed-simple-cnn')));
    const layout = layoutOverview(specs, 326, WIDE.body);
    expect(layout.direction).toBe('down');
    expect(layout.gridColumns[1]! * (24 * layout.cell + 3) - 3).toBeLessThanOrEqual(326);
  });

  it('on a desktop a network too wide for the box stays across at the smallest cells, to scroll sideways; on a tablet it goes down', () => {
    const specs = columnSpecs(overviewColumns(explanationOf('best')));
    const layout = layoutOverview(specs, WIDE.width, 400);
    expect(layout.direction).toBe('across');
    expect(layout.cell).toBe(MIN_CELL);
    expect(layout.width).toBeGreaterThan(WIDE.width);
    expect(layoutOverview(specs, 702, WIDE.body).direction).toBe('down');
  });
});
