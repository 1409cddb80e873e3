// Answering in the worker: one Result shape for values and failures, and the answer's buffers moved.
import { describe, expect, it } from 'vitest';
import type { Handlers } from './answer';
import { answerQuestion, transferables } from './answer';
import type { Answer, Question } from './protocol';

function collect() {
  const posted: { answer: Answer; transfer: Transferable[] }[] = [];
  return { posted, post: (answer: Answer, transfer: Transferable[]) => posted.push({ answer, transfer }) };
}

describe('answering questions', () => {
  it('wraps a value as ok and transfers its buffers, each once', async () => {
    const images = new Uint8Array(4);
    const handlers = { samples: () => ({ images, labels: images.subarray(1), indices: new Uint32Array(2) }) } as unknown as Handlers;
    const { posted, post } = collect();
    await answerQuestion(handlers, { type: 'question', id: 7, name: 'samples', args: { split: 'test', digit: null, count: 2 } }, post);
    expect(posted[0]!.answer).toMatchObject({ type: 'answer', id: 7, result: { ok: true } });
    expect(posted[0]!.transfer).toHaveLength(2);
  });

  it('turns a thrown error, sync or async, into an error answer with its message', async () => {
    const handlers = {
      memory: () => {
        throw new Error('no memory');
      },
      filters: () => Promise.reject(new Error('this network has no convolutional layer')),
    } as unknown as Handlers;
    const { posted, post } = collect();
    await answerQuestion(handlers, { type: 'question', id: 1, name: 'memory', args: {} }, post);
    await answerQuestion(handlers, { type: 'question', id: 2, name: 'filters', args: {} }, post);
    await answerQuestion(handlers, { type: 'question', id: 3, name: 'nonsense', args: {} } as unknown as Question, post);
    expect(posted.map((p) => p.answer.result)).toEqual([
      { ok: false, error: 'no memory' },
      { ok: false, error: 'this network has no convolutional layer' },
      { ok: false, error: 'the worker does not know the question “nonsense”' },
    ]);
    expect(posted.every((p) => p.transfer.length === 0)).toBe(true);
  });

  it('finds ArrayBuffers and typed arrays deep in an answer, but never shared memory', () => {
    const bin = new ArrayBuffer(8);
    const shared = new Float32Array(new SharedArrayBuffer(16));
    const found = transferables({ modelJson: '{}', weightsBin: bin, nested: [{ v: new Float32Array(2) }, shared] });
    expect(found).toHaveLength(2);
    expect(found).toContain(bin);
  });
});
