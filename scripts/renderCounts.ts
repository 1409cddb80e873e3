// Counts which React components render while the app trains, through the hook React DevTools uses
// (React calls it on every commit, in production builds too): a fiber that did work in a commit
// has React's PerformedWork flag. Names need a build without minification.

/** Installed before any page script: from the click on Train, window.__renders counts renders by component name, __commits the commits. */
export const RENDER_COUNTER = `
  window.__renders = {};
  window.__commits = 0;
  window.__rendersOn = false;
  const nameOf = (f) => {
    const type = f.type;
    if (typeof type === 'function') return type.displayName || type.name || '(anonymous)';
    const inner = type && typeof type === 'object' ? type.type || type.render : null;
    return inner ? 'memo ' + (inner.displayName || inner.name || '(anonymous)') : null;
  };
  const count = (f) => {
    const name = nameOf(f);
    if (name) window.__renders[name] = (window.__renders[name] || 0) + 1;
  };
  const mounted = (f) => {
    count(f);
    for (let c = f.child; c; c = c.sibling) mounted(c);
  };
  // As React DevTools walks a commit: a subtree whose child list is the previous commit's was not
  // visited (its fibers keep old flags); PerformedWork (1) says the component's function ran.
  const walk = (next) => {
    const prev = next.alternate;
    if (!prev) return mounted(next);
    if ((next.flags & 1) === 1) count(next);
    if (next.child !== prev.child) for (let c = next.child; c; c = c.sibling) walk(c);
  };
  // Counting starts at the click on Train.
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="train-start"]')) {
      window.__renders = {};
      window.__commits = 0;
      window.__rendersOn = true;
    }
  }, true);
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      if (!window.__rendersOn) return;
      window.__commits++;
      walk(root.current);
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
`;

export interface RenderCounts {
  commits: number;
  /** Renders by component, most first. */
  renders: [string, number][];
}

type Win = { __renders: Record<string, number>; __commits: number; __rendersOn: boolean };

export async function readCounts(page: { evaluate: <T>(f: () => T) => Promise<T> }): Promise<RenderCounts> {
  const { commits, renders } = await page.evaluate(() => {
    const w = window as unknown as Win;
    w.__rendersOn = false;
    return { commits: w.__commits, renders: w.__renders };
  });
  return { commits, renders: Object.entries(renders).sort((a, b) => b[1] - a[1]) };
}
