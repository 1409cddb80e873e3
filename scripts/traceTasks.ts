// Reads a Chromium trace of the page: the main thread's long tasks, their CPU time (which a busy
// machine does not stretch), and what filled them from the trace's CPU samples.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CallFrame { functionName: string; url: string; lineNumber?: number }
interface ProfileNode { id: number; callFrame: CallFrame; parent?: number }

export interface TaskReport {
  /** Start, in seconds from the first task of the window. */
  at: number;
  wallMs: number;
  /** The main thread's CPU time in the task. */
  cpuMs: number;
  /** Sampled time by the function running (self), largest first. */
  self: [string, number][];
  /** Sampled time by every function on the stack (inclusive), largest first. */
  inclusive: [string, number][];
  /** Sampled time by the component or effect React was running (or the task outside React). */
  owners: [string, number][];
  /** CPU time of the trace's own events inside the task (layout, style, paint, GC, scripts), largest first. */
  events: [string, number][];
}

export interface TraceReport {
  /** Main-thread tasks over the threshold, longest first. */
  tasks: TaskReport[];
  /** The largest CPU time of any main-thread task. */
  longestCpuMs: number;
  /** The tasks that took the most CPU time (whatever their wall time), most first. */
  cpuHeavy: TaskReport[];
  /** How many tasks took more than 5, 10, 20 and 50 ms of CPU time. */
  cpuOver: { 5: number; 10: number; 20: number; 50: number };
  /** Main-thread CPU time over the window, in ms per second. */
  cpuMsPerSecond: number;
  /** Sampled time over the whole window by inclusive function, largest first. */
  inclusive: [string, number][];
  /** The same by self function. */
  self: [string, number][];
  /** The same by component or effect. */
  owners: [string, number][];
  /** CPU time of the browser's own kinds of work over the window (layout, paint, scripts, GC), largest first. */
  events: [string, number][];
}

const shortName = (f: CallFrame) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()?.replace(/-[\w-]{8}\.js$/, '.js')}` : ''}`;

function top(map: Map<string, number>, n: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v / 100) / 10]);
}

/** The renderer's main thread samples: [time µs, weight µs, stack (leaf first)]. */
function samplesOf(events: TraceEvent[], pid: number, tid: number): [number, number, CallFrame[]][] {
  const profiles = new Map<string, { start: number; nodes: Map<number, ProfileNode>; samples: [number, number][] }>();
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || !e.id) continue;
    if (e.name === 'Profile') profiles.set(e.id, { start: Number(e.args?.data?.startTime ?? e.ts), nodes: new Map(), samples: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !e.id) continue;
    const p = profiles.get(e.id);
    if (!p) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let t = p.samples.at(-1)?.[0] ?? p.start;
    ids.forEach((id, i) => {
      t += deltas[i] ?? 0;
      p.samples.push([t, id]);
    });
  }
  const out: [number, number, CallFrame[]][] = [];
  for (const p of profiles.values()) {
    const stacks = new Map<number, CallFrame[]>();
    const stack = (id: number): CallFrame[] => {
      const known = stacks.get(id);
      if (known) return known;
      const frames: CallFrame[] = [];
      for (let n = p.nodes.get(id); n; n = n.parent === undefined ? undefined : p.nodes.get(n.parent)) frames.push(n.callFrame);
      stacks.set(id, frames);
      return frames;
    };
    // Nodes name their children, not their parents, in trace chunks: fill the parents in.
    for (const node of p.nodes.values()) for (const child of (node as { children?: number[] }).children ?? []) { const c = p.nodes.get(child); if (c) c.parent = node.id; }
    p.samples.forEach(([t, id], i) => {
      const next = p.samples[i + 1]?.[0] ?? t;
      const frames = stack(id);
      if (frames[0]?.functionName === '(idle)') return;
      out.push([t, Math.max(0, next - t), frames.filter((f) => f.functionName !== '(root)')]);
    });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** React's functions that call a component or an effect: the frame just above one is whose work it is. */
const CALLERS = new Set(['renderWithHooks', 'renderWithHooksAgain', 'commitHookEffectListMount', 'commitHookEffectListUnmount', 'finishClassComponent', 'commitLayoutEffectOnFiber', 'callComponentInDEV']);

/** Whose work a sample is: the innermost component or effect React called, else the outermost task (a timer, a message, a frame). */
function ownerOf(frames: CallFrame[]): string {
  for (let i = 1; i < frames.length; i++) if (CALLERS.has(frames[i]!.functionName)) return `${frames[i]!.functionName === 'commitHookEffectListMount' ? 'effect ' : ''}${shortName(frames[i - 1]!)}`;
  const outer = frames.at(-1);
  return outer ? `outside React: ${shortName(outer)}` : '(none)';
}

function addSamples(samples: [number, number, CallFrame[]][], from: number, to: number, self: Map<string, number>, inclusive: Map<string, number>, owners?: Map<string, number>): void {
  for (const [t, w, frames] of samples) {
    if (t < from || t > to || frames.length === 0) continue;
    const leaf = shortName(frames[0]!);
    self.set(leaf, (self.get(leaf) ?? 0) + w);
    for (const name of new Set(frames.map(shortName))) inclusive.set(name, (inclusive.get(name) ?? 0) + w);
    if (owners) {
      const owner = ownerOf(frames);
      owners.set(owner, (owners.get(owner) ?? 0) + w);
    }
  }
}

/** Trace events that say what the browser did, counted by CPU time without their nested repeats. */
const KINDS = new Set(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'HitTest', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MC_INCREMENTAL', 'EvaluateScript', 'v8.compile', 'ParseHTML', 'IntersectionObserverController::computeIntersections', 'HandlePostMessage', 'ResizeObserverController::deliverObservations']);

function eventsIn(onMain: TraceEvent[], task: { ts: number; dur?: number }): [string, number][] {
  const end = task.ts + (task.dur ?? 0);
  const inside = onMain.filter((e) => e !== task && KINDS.has(e.name) && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  const byName = new Map<string, number>();
  const coveredUntil = new Map<string, number>();
  // Outermost first: a kind nested in itself (a FunctionCall inside a FunctionCall) counts once.
  for (const e of inside.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    const end = e.ts + (e.dur ?? 0);
    if (end <= (coveredUntil.get(e.name) ?? -Infinity)) continue;
    coveredUntil.set(e.name, end);
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0));
  }
  return top(byName, 8);
}

/** Long tasks (over `thresholdMs`) on the page's main thread between `from` and `to` (trace µs; the whole trace by default). */
export function analyseTrace(events: TraceEvent[], thresholdMs = 50, from = -Infinity, to = Infinity, heavy = 5): TraceReport {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The app's renderer is the one that ran scripts; the benchmark page is the only one with tasks.
  const main = mains.map((m) => ({ m, calls: events.filter((x) => x.pid === m.pid && x.tid === m.tid && x.name === 'FunctionCall').length })).sort((a, b) => b.calls - a.calls)[0]?.m;
  if (!main) throw new Error('no renderer main thread in the trace');
  const runTasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= from && e.ts <= to);
  const samples = samplesOf(events, main.pid, main.tid);
  const first = runTasks.reduce((t, e) => Math.min(t, e.ts), Infinity);
  const last = runTasks.reduce((t, e) => Math.max(t, e.ts + (e.dur ?? 0)), -Infinity);
  const cpu = runTasks.reduce((t, e) => t + (e.tdur ?? 0), 0);
  const long = runTasks.filter((e) => (e.dur ?? 0) > thresholdMs * 1000).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= from && e.ts <= to);
  const report = (task: TraceEvent): TaskReport => {
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const owners = new Map<string, number>();
    addSamples(samples, task.ts, task.ts + (task.dur ?? 0), self, inclusive, owners);
    return { at: (task.ts - first) / 1e6, wallMs: (task.dur ?? 0) / 1000, cpuMs: (task.tdur ?? 0) / 1000, self: top(self, 8), inclusive: top(inclusive, 14), owners: top(owners, 10), events: eventsIn(onMain, task) };
  };
  const tasks = long.map(report);
  const byCpu = [...runTasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  const over = (ms: number) => runTasks.filter((e) => (e.tdur ?? 0) > ms * 1000).length;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const owners = new Map<string, number>();
  addSamples(samples, first, last, self, inclusive, owners);
  return {
    tasks,
    longestCpuMs: runTasks.reduce((m, e) => Math.max(m, (e.tdur ?? 0) / 1000), 0),
    cpuHeavy: byCpu.slice(0, heavy).map(report),
    cpuOver: { 5: over(5), 10: over(10), 20: over(20), 50: over(50) },
    cpuMsPerSecond: Number.isFinite(first) ? cpu / 1000 / ((last - first) / 1e6) : 0,
    inclusive: top(inclusive, 30),
    self: top(self, 30),
    owners: top(owners, 30),
    events: Number.isFinite(first) ? eventsIn(onMain, { ts: first, dur: last - first }) : [],
  };
}
