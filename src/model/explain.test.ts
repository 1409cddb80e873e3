import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { LAYER_TYPES } from './architecture';
import { LAYER_GUIDES, workedExample } from './explain';
import { findPreset } from './presets';

describe('layer guides', () => {
  it('explain every layer type', () => {
    for (const type of LAYER_TYPES) {
      expect(LAYER_GUIDES[type].what.length).toBeGreaterThan(40);
      expect(LAYER_GUIDES[type].counting.length).toBeGreaterThan(20);
    }
  });

  it('walk through the crash course example with its own figures', () => {
    const rows = analyze(findPreset('crash-course')!.architecture).rows;
    const conv = workedExample(rows[0]!)!;
    expect(conv).toContain('26 weights');
    expect(conv).toContain('28×28 feature map');
    expect(conv).toContain('7,840 outputs');
    expect(conv).toContain('= 203,840 connections');
    expect(workedExample(rows[1]!)).toContain('10 feature maps of 28×28 become 10 of 14×14');
    const dense = rows.find((r) => r.layer.type === 'dense')!;
    expect(workedExample(dense)).toContain('1,960 + 1 = 1,961 weights');
    expect(workedExample(dense)).toContain('392,200 connections');
  });

  it('say nothing when the layer cannot be computed', () => {
    const arch = findPreset('seed-simple-cnn')!.architecture;
    const broken = { ...arch, layers: [{ ...arch.layers[0]!, kernelSize: 40 }, ...arch.layers.slice(1)] } as typeof arch;
    const rows = analyze(broken).rows;
    expect(workedExample(rows[1]!)).toBeNull();
  });
});
