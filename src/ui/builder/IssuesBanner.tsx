// The arch-error banner: everything wrong with the network, or why a link/file was rejected.
import type { Analysis } from '../../model/analyze';
import { applyFix, dismissRejection } from '../../state/builderActions';
import { useAppStore } from '../../state/store';

export function IssuesBanner({ analysis }: { analysis: Analysis }) {
  const rejection = useAppStore((s) => s.rejection);
  if (!rejection && analysis.valid) return null;
  return (
    <div className="arch-error" role="alert" data-testid="arch-error">
      {rejection && (
        <p className="rejection">
          <strong>Not loaded.</strong> {rejection} Your network was kept as it was.{' '}
          <button type="button" className="link-button" onClick={dismissRejection}>
            Dismiss
          </button>
        </p>
      )}
      {!analysis.valid && (
        <ul>
          {analysis.issues.map((issue, i) => (
            <li key={i}>
              {issue.message}{' '}
              {issue.fix && (
                <button type="button" className="fix-button" data-testid="fix-button" onClick={() => applyFix(issue.fix!)}>
                  {issue.fix.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
