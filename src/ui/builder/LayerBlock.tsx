// One layer in the stack: its settings, output shape, counts with their arithmetic, and problems.
import type { HTMLAttributes, Ref } from 'react';
import { useId, useState } from 'react';
import type { LayerRow } from '../../model/analyze';
import { LAYER_LABELS, activeRegularizer } from '../../model/architecture';
import { penaltyFormula } from '../../model/explain';
import { groupDigits } from '../../model/format';
import { shapeKey, shapeLabel } from '../../model/shape';
import { applyFix, deleteLayer, moveLayer } from '../../state/builderActions';
import { useAppStore } from '../../state/store';
import { LayerExplain } from './LayerExplain';
import { LayerFields } from './LayerFields';
import { LAYER_HINTS } from './layerHints';

interface Props {
  row: LayerRow;
  count: number;
  ref: Ref<HTMLLIElement>;
  handleProps: HTMLAttributes<HTMLElement>;
  /** Pixels the row follows the pointer while dragged; null when not dragged. */
  dragOffset: number | null;
  /** Where the dragged row would land relative to this one. */
  dropMark: 'before' | 'after' | null;
}

/** After a layer is deleted from the keyboard, keep focus in the stack: the next handle, else the palette. */
function focusHandleAfterDelete(index: number): void {
  requestAnimationFrame(() => {
    const handles = document.querySelectorAll<HTMLElement>('[data-drag-handle]');
    const next = handles[Math.min(index, handles.length - 1)] ?? document.querySelector<HTMLElement>('.palette button');
    next?.focus();
  });
}

export function LayerBlock({ row, count, ref, handleProps, dragOffset, dropMark }: Props) {
  const { index, layer, outputShape, issues } = row;
  const [explaining, setExplaining] = useState(false);
  const locked = useAppStore((s) => s.locked);
  const explainId = useId();
  const name = `${LAYER_LABELS[layer.type]} (layer ${index + 1})`;
  const penalty = activeRegularizer(layer);
  const classes = ['layer-row', `layer-${layer.type}`];
  if (issues.length > 0) classes.push('invalid');
  if (dragOffset !== null) classes.push('dragging');
  if (dropMark) classes.push(`drop-${dropMark}`);
  return (
    <li
      ref={ref}
      className={classes.join(' ')}
      data-testid="layer-row"
      data-layer-type={layer.type}
      data-output-shape={outputShape ? shapeKey(outputShape) : ''}
      data-params={row.params}
      data-connections={row.connections}
      style={dragOffset !== null ? { transform: `translateY(${dragOffset}px)` } : undefined}
      aria-label={`${name}, output ${outputShape ? shapeLabel(outputShape) : 'unknown'}, ${groupDigits(row.params)} parameters, ${groupDigits(row.connections)} connections`}
    >
      <div className="layer-head">
        <button type="button" className="drag-handle" aria-label={`Move ${name}: drag, or press the up and down arrows; Delete removes it`}
          disabled={locked}
          {...handleProps}
          onKeyDown={(e) => {
            if (e.key === 'Delete' || e.key === 'Backspace') {
              e.preventDefault();
              deleteLayer(index);
              focusHandleAfterDelete(index);
            } else handleProps.onKeyDown?.(e);
          }}
        >
          ⠿
        </button>
        <span className="layer-index">{index + 1}</span>
        <span className="layer-type" title={LAYER_HINTS[layer.type]}>
          {LAYER_LABELS[layer.type]}
        </span>
        <fieldset className="plain" disabled={locked}>
          <LayerFields layer={layer} index={index} />
        </fieldset>
        <span className="layer-actions">
          <button
            type="button"
            className={explaining ? 'explain-toggle on' : 'explain-toggle'}
            data-testid="explain-layer"
            aria-expanded={explaining}
            aria-controls={explainId}
            aria-label={`Explain ${name}`}
            title="What does this layer do?"
            onClick={() => setExplaining((v) => !v)}
          >
            ?
          </button>
          <button type="button" aria-label={`Move ${name} up`} disabled={locked || index === 0} onClick={() => moveLayer(index, index - 1)}>
            ↑
          </button>
          <button type="button" aria-label={`Move ${name} down`} disabled={locked || index === count - 1} onClick={() => moveLayer(index, index + 1)}>
            ↓
          </button>
          <button type="button" className="delete" data-testid="delete-layer" aria-label={`Delete ${name}`} disabled={locked} onClick={() => deleteLayer(index)}>
            ✕
          </button>
        </span>
      </div>
      <div className="layer-numbers">
        <span className="layer-shape" data-testid="layer-shape">
          → {outputShape ? shapeLabel(outputShape) : '?'}
        </span>
        <span className="count">
          <span className="count-label">params</span> {groupDigits(row.params)}
          {row.paramsFormula && row.paramsFormula !== row.connectionsFormula && <code data-testid="params-formula">{row.paramsFormula}</code>}
        </span>
        <span className="count">
          <span className="count-label">connections</span> {groupDigits(row.connections)}
          {row.connectionsFormula && <code data-testid="connections-formula">{row.connectionsFormula}</code>}
        </span>
        {penalty && (
          <span className="count" data-testid="layer-penalty" data-l1={penalty.l1} data-l2={penalty.l2} title="Added to the loss at every batch, as Keras's kernel_regularizer">
            <span className="count-label">loss penalty</span> <code>{penaltyFormula(penalty)}</code>
          </span>
        )}
      </div>
      {explaining && <LayerExplain row={row} id={explainId} />}
      {issues.map((issue, i) => (
        <p key={i} className="layer-error" data-testid="layer-error" role="status">
          {issue.message}{' '}
          {issue.fix && (
            <button type="button" className="fix-button" disabled={locked} onClick={() => applyFix(issue.fix!)}>
              {issue.fix.label}
            </button>
          )}
        </p>
      ))}
    </li>
  );
}
