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

/**
 * The predictor on one end of a channel, the share on the other; `received` waits for the next
 * message. Attaching says at once that there are no weights yet (that first message is checked
 * here and not counted).
 */
async function connect() {
  const channel = new MessageChannel();
  const predictor = new Predictor();
  const messages: SharedWeights[] = [];
  let wake: (() => void) | null = null;
  channel.port2.onmessage = (e: MessageEvent<SharedWeights>) => {
    predictor.receive(e.data);
    messages.push(e.data);
    wake?.();
  };
  let seq = 0;
  const share = new WeightShare(() => ++seq);
  share.attach(channel.port1);
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (messages.length >= count ? resolve() : (wake = check));
      check();
    });
  await received(1);
  expect(messages.shift()).toEqual({ type: 'clear' });
  return { predictor, share, messages, received, close: () => channel.port1.close() };
}

const digit = Uint8Array.from({ length: 784 }, (_, i) => ((i * 37) % 97 > 60 ? 255 : 0));

describe('the inference worker’s weights', () => {
  const arch = findPreset('seed-larger-cnn')!.architecture;
  const holder = { key: JSON.stringify(arch), architecture: arch, epochsDone: 2 };

  it('answers no network until weights come, then exactly what the shared model answers, and none after a clear', async () => {
    const { predictor, share, received, close } = await connect();
    await expect(predictor.predict(digit)).rejects.toThrow(NO_NETWORK);
    const model = buildModel(arch, 3);
    share.send(holder, await takeSnapshot(model));
    await received(1);
    const expected = await predictDigit({ model, architecture: arch, epochsDone: 2 }, digit);
    const answer = await predictor.predict(digit);
    expect(Array.from(answer.probabilities)).toEqual(Array.from(expected.probabilities));
    expect(answer.epochsDone).toBe(2);
    // The guess carries the share's place in the order of the training worker's answers.
    expect(answer.seq).toBe(1);
    share.clear();
    await received(2);
    await expect(predictor.predict(digit)).rejects.toThrow(NO_NETWORK);
    model.dispose();
    close();
  });

  it('shares live weights at most every interval, read when asked even if the model changes right after', async () => {
    const { predictor, share, messages, received, close } = await connect();
    const model = buildModel(arch, 3);
    const before = await predictDigit({ model, architecture: arch, epochsDone: 0 }, digit);
    await share.live(holder, model);
    // The next step replaces the weights at once; what was shared is what the model held.
    tf.tidy(() => model.setWeights(model.getWeights().map((w) => tf.mul(w, 0))));
    await share.live(holder, model); // within the interval: not sent
    await received(1);
    expect(messages).toHaveLength(1);
    const answer = await predictor.predict(digit);
    expect(Array.from(answer.probabilities)).toEqual(Array.from(before.probabilities));
    await new Promise((r) => setTimeout(r, SHARE_INTERVAL_MS + 10));
    await share.live(holder, model);
    await received(2);
    expect(messages).toHaveLength(2);
    model.dispose();
    close();
  });

  it('a new port starts with the weights the training worker holds (a restarted inference worker guesses at once)', async () => {
    const channel = new MessageChannel();
    const predictor = new Predictor();
    const got = new Promise<SharedWeights>((resolve) => {
      channel.port2.onmessage = (e: MessageEvent<SharedWeights>) => {
        predictor.receive(e.data);
        resolve(e.data);
      };
    });
    const model = buildModel(arch, 4);
    const snapshot = await takeSnapshot(model);
    new WeightShare(() => 7).attach(channel.port1, { ...holder, snapshot });
    expect(await got).toMatchObject({ type: 'weights', key: holder.key, epochsDone: 2, seq: 7 });
    const expected = await predictDigit({ model, architecture: arch, epochsDone: 2 }, digit);
    const answer = await predictor.predict(digit);
    expect(Array.from(answer.probabilities)).toEqual(Array.from(expected.probabilities));
    expect(answer.seq).toBe(7);
    model.dispose();
    channel.port1.close();
  });
});
