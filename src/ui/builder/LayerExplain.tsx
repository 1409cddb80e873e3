// The guided explanation shown beside a block on request: what the layer does, with its numbers.
import type { LayerRow } from '../../model/analyze';
import { LAYER_GUIDES, regularizerExample, workedExample } from '../../model/explain';

export function LayerExplain({ row, id }: { row: LayerRow; id: string }) {
  const guide = LAYER_GUIDES[row.layer.type];
  const worked = workedExample(row);
  const penalty = regularizerExample(row);
  return (
    <div className="layer-explain" id={id} data-testid="layer-explain">
      <p>{guide.what}</p>
      {worked && (
        <p className="worked">
          <strong>Here: </strong>
          {worked}
        </p>
      )}
      {penalty && (
        <p className="worked" data-testid="regularizer-explain">
          <strong>Penalty: </strong>
          {penalty}
        </p>
      )}
      {guide.settings.length > 0 && (
        <ul>
          {guide.settings.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <p>
        <strong>Counting: </strong>
        {guide.counting}
      </p>
      <p className="tip">
        <strong>Tip: </strong>
        {guide.tip}
      </p>
    </div>
  );
}
