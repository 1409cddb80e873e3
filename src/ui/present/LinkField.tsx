// A link to hand out: a read-only field (selected on focus, for copying by hand) and a Copy button.
import { useState } from 'react';

/** This page's address without its hash: links are this plus a hash. */
export function pageUrl(): string {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search;
}

export function LinkField({ link, label, testId, copyTestId }: { link: string | null; label: string; testId: string; copyTestId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false); // the link is selectable in the field
    }
  };
  return (
    <div className="lesson-link">
      <input readOnly aria-label={label} data-testid={testId} value={link ?? ''} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" data-testid={copyTestId} disabled={!link} onClick={() => void copy()}>
        {copied ? 'Copied ✓' : 'Copy'}
      </button>
    </div>
  );
}
