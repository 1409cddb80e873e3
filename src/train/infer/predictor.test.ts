// Weights shared over a real MessageChannel: the inference worker's predictor answers exactly as the training worker's model would.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../../model/presets';
import { buildModel } from '../buildModel';
import { NO_NETWORK, predictDigit } from '../inspect';
import { takeSnapshot } from '../trainer';
import { Predictor } from './predictor';
import type { SharedWeights } from './protocol';
import { SHARE_INTERVAL_MS, WeightShare } from './share';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The predictor on one end of a channel, the share on the other; `received` waits for the next message. */
function connect() {
  const channel = new MessageChannel();
  const predictor = new Predictor();
  const messages: SharedWeights[] = [];
  let wake: (() => void) | null = null;
  channel.port2.onmessage = (e: MessageEvent<SharedWeights>) => {
    predictor.receive(e.data);
    messages.push(e.data);
    wake?.();
  };
  const share = new WeightShare();
  share.attach(channel.port1);
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (messages.length >= count ? resolve() : (wake = check));
      check();
    });
  return { predictor, share, messages, received, close: () => channel.port1.close() };
}

const digit = Uint8Array.from({ length: 784 }, (_, i) => ((i * 37) % 97 > 60 ? 255 : 0));

describe('the inference worker’s weights', () => {
  const arch = findPreset('seed-larger-cnn')!.architecture;
  const holder = { key: JSON.stringify(arch), architecture: arch, epochsDone: 2 };

  it('answers no network until weights come, then exactly what the shared model answers, and none after a clear', async () => {
    const { predictor, share, received, close } = connect();
    expect(await predictor.predict(digit)).toEqual({ ok: false, reason: NO_NETWORK });
    const model = buildModel(arch, 3);
    share.send(holder, await takeSnapshot(model));
    await received(1);
    const expected = await predictDigit({ model, architecture: arch, epochsDone: 2 }, digit);
    const answer = await predictor.predict(digit);
    expect(answer.ok && Array.from(answer.value.probabilities)).toEqual(Array.from(expected.probabilities));
    expect(answer.ok && answer.value.epochsDone).toBe(2);
    share.clear();
    await received(2);
    expect(await predictor.predict(digit)).toEqual({ ok: false, reason: NO_NETWORK });
    model.dispose();
    close();
  });

  it('shares live weights at most every interval, read when asked even if the model changes right after', async () => {
    const { predictor, share, messages, received, close } = connect();
    const model = buildModel(arch, 3);
    const before = await predictDigit({ model, architecture: arch, epochsDone: 0 }, digit);
    await share.live(holder, model);
    // The next step replaces the weights at once; what was shared is what the model held.
    tf.tidy(() => model.setWeights(model.getWeights().map((w) => tf.mul(w, 0))));
    await share.live(holder, model); // within the interval: not sent
    await received(1);
    expect(messages).toHaveLength(1);
    const answer = await predictor.predict(digit);
    expect(answer.ok && Array.from(answer.value.probabilities)).toEqual(Array.from(before.probabilities));
    await new Promise((r) => setTimeout(r, SHARE_INTERVAL_MS + 10));
    await share.live(holder, model);
    await received(2);
    expect(messages).toHaveLength(2);
    model.dispose();
    close();
  });
});
