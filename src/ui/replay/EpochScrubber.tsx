// The replay's slider over the run's checkpoints, with play/pause and steps; it docks to the bottom of the window while it shows the past off screen.
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { Moment } from '../../model/checkpoints';
import { formatEpoch } from '../../model/checkpoints';

/** How long each moment shows while playing (ms). */
export const PLAY_MS = 900;

interface Props {
  moments: readonly Moment[];
  /** Index into `moments`. */
  value: number;
  onChange: (index: number) => void;
  /** Under the slider: what the checkpoints take, what the limit dropped. */
  children?: ReactNode;
}

/** Play: one moment every PLAY_MS, from the start again if at the end, stopping at the last. */
function usePlayback(value: number, max: number, onChange: (index: number) => void) {
  const [playing, setPlaying] = useState(false);
  const latest = useRef({ value, max, onChange });
  useEffect(() => {
    latest.current = { value, max, onChange };
  });
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const { value: v, max: m, onChange: go } = latest.current;
      if (v >= m) setPlaying(false);
      else go(v + 1);
    }, PLAY_MS);
    return () => window.clearInterval(timer);
  }, [playing]);
  const toggle = () => {
    if (!playing && value >= max) onChange(0);
    setPlaying(!playing);
  };
  return { playing, toggle, stop: () => setPlaying(false) };
}

/** Whether `el` is on screen. */
function useOnScreen(el: Element | null): boolean {
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setOn(entries.some((e) => e.isIntersecting)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return on;
}

export function EpochScrubber({ moments, value, onChange, children }: Props) {
  const max = Math.max(0, moments.length - 1);
  const at = Math.min(Math.max(value, 0), max);
  const moment = moments[at];
  const { playing, toggle, stop } = usePlayback(at, max, onChange);
  const [home, setHome] = useState<HTMLDivElement | null>(null);
  const onScreen = useOnScreen(home);
  // Off screen and showing the past (or playing), the slider follows the learner down the page.
  const docked = !onScreen && (at < max || playing);
  // While docked, the slider's place in the page keeps its height, so nothing below jumps.
  const [height, setHeight] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!docked && bar.current) setHeight(bar.current.offsetHeight);
  }, [docked, moments.length, at]);
  const go = (i: number) => {
    stop();
    onChange(Math.min(Math.max(i, 0), max));
  };
  const past = at < max;
  return (
    <div ref={setHome} className="scrubber-home" style={docked ? { minHeight: height } : undefined}>
      <div ref={bar} className={`scrubber${docked ? ' docked' : ''}${past ? ' past' : ''}`} data-testid="scrubber" data-docked={docked}>
        <div className="scrubber-row">
          <button type="button" className="scrub-play" onClick={toggle} aria-pressed={playing} data-testid="scrubber-play" disabled={max === 0} title={playing ? 'Pause' : 'Play the run from its start'}>
            <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
            <span className="visually-hidden">{playing ? 'Pause' : 'Play'}</span>
          </button>
          <button type="button" onClick={() => go(at - 1)} disabled={at === 0} aria-label="Previous checkpoint" data-testid="scrubber-back">
            ‹
          </button>
          <div className="scrub-track">
            <input
              type="range"
              min={0}
              max={max}
              step={1}
              value={at}
              data-testid="epoch-scrubber"
              data-value={moment?.epoch ?? 0}
              data-checkpoint={moment && !moment.live ? moment.id! : 'live'}
              aria-label="Moment of the run shown"
              aria-valuetext={moment ? `${moment.live ? 'now, ' : ''}${moment.label}, ${at + 1} of ${max + 1}` : undefined}
              onChange={(e) => go(Number(e.target.value))}
            />
            <div className="scrub-ticks" aria-hidden="true">
              {moments.map((m, i) => (
                <span key={m.id ?? 'live'} className={`scrub-tick${m.live ? ' live' : ''}${i === at ? ' on' : ''}`} style={{ left: max === 0 ? '50%' : `${(i / max) * 100}%` }} />
              ))}
            </div>
          </div>
          <button type="button" onClick={() => go(at + 1)} disabled={at >= max} aria-label="Next checkpoint" data-testid="scrubber-forward">
            ›
          </button>
          <button type="button" className={`scrub-now${past ? ' primary' : ''}`} onClick={() => go(max)} disabled={!past} data-testid="scrubber-now">
            Now
          </button>
        </div>
        <p className="scrub-label" aria-live="polite" data-testid="scrubber-label">
          <strong>{past ? `Epoch ${formatEpoch(moment?.epoch ?? 0)}` : 'Now'}</strong>
          <span className="muted">
            {' '}
            · {moment?.label} · {at + 1} of {max + 1}
          </span>
          {past && <span className="scrub-past-note"> · showing the past: training, saving and export still use the weights of now</span>}
        </p>
        {children}
      </div>
    </div>
  );
}
