// "Why this guess?": a heat map over the input of which pixels pushed a class's score up (orange) or down (blue), for the guess or any class.
import { useEffect, useMemo, useRef } from 'react';
import type { Explanation } from '../../model/explanation';
import { SALIENCY_METHOD } from '../../model/explanation';
import { setExplainTarget } from '../../state/explainActions';
import { useAppStore } from '../../state/store';
import { topDigit } from '../draw/PredictionView';
import { grayColor, largestMagnitude, paintCells, signedColor } from './colors';

const SIZE = 168;

export function WhyPanel({ explanation, classNames }: { explanation: Explanation; classNames: readonly string[] }) {
  const asked = useAppStore((s) => s.explainTarget);
  const { saliency, side, input } = explanation;
  const guess = topDigit(explanation.probabilities);
  const max = largestMagnitude(saliency.values);
  const scaled = useMemo(() => Array.from(saliency.values, (v) => v / max), [saliency.values, max]);
  const heat = useRef<HTMLCanvasElement>(null);
  const image = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    paintCells(heat.current, side, side, (i) => signedColor(scaled[i]!, 1));
    paintCells(image.current, side, side, (i) => grayColor(input[i]!, 0, 1));
  }, [scaled, input, side]);
  const target = saliency.target;
  const name = (k: number) => classNames[k] ?? String(k);
  const about = target === guess ? `the guess, ${name(guess)}` : `${name(target)} (the guess is ${name(guess)})`;
  return (
    <section className="why" aria-labelledby="why-title">
      <h3 id="why-title">Why {target === guess ? 'this guess' : `not ${name(target)}`}?</h3>
      <div className="why-picker" role="group" aria-label="Which class to explain">
        <button type="button" aria-pressed={asked === null} onClick={() => setExplainTarget(null)} data-testid="why-guess">
          the guess
        </button>
        {classNames.map((c, k) => (
          <button type="button" key={k} aria-pressed={asked === k} onClick={() => setExplainTarget(k)} data-testid="why-class" data-class={k} title={k === guess ? `why ${c}?` : `why not ${c}?`}>
            {c}
          </button>
        ))}
      </div>
      <div className="why-images">
        <canvas ref={image} width={side} height={side} style={{ width: SIZE, height: SIZE }} role="img" aria-label="The input" />
        <canvas
          ref={heat}
          width={side}
          height={side}
          style={{ width: SIZE, height: SIZE }}
          data-testid="saliency-map"
          data-target={target}
          data-method={SALIENCY_METHOD}
          data-values={JSON.stringify(scaled)}
          role="img"
          aria-label={`Heat map for ${about}: orange pixels raised its score, blue ones lowered it`}
        />
      </div>
      <p className="small">
        Explaining <strong>{about}</strong>. Method: <strong>{SALIENCY_METHOD}</strong> — for each pixel, how fast the class&apos;s score (its logit, before softmax) changes with
        that pixel&apos;s ink, times the ink there. <span className="why-up">Orange</span> pixels pushed the score up, <span className="why-down">blue</span> ones pushed it down; pixels
        without ink count for nothing. It follows your drawing as you draw.
      </p>
    </section>
  );
}
