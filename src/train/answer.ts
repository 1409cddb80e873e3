// Answering questions in the worker: run the handler, wrap what it returns or throws in a Result,
// and transfer the answer's buffers. No tfjs, so it is tested on its own.

import type { Answer, Ask, Question, QuestionName, Reply, Result } from './protocol';

/** One handler per question; worker.ts builds the table (a missing entry does not compile). */
export type Handlers = { [N in QuestionName]: (args: Ask<N>) => Promise<Reply<N>> | Reply<N> };

export type PostAnswer = (answer: Answer, transfer: Transferable[]) => void;

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The buffers of an answer's typed arrays and ArrayBuffers (each once), to move rather than copy. */
export function transferables(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (value instanceof ArrayBuffer) {
    found.add(value);
  } else if (ArrayBuffer.isView(value)) {
    // A SharedArrayBuffer cannot be transferred (and is not ours to give away).
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => transferables(v, found));
  }
  return [...found];
}

/**
 * Answer `question` with its handler; whatever happens, exactly one answer is posted. A worker
 * that answers only some questions (the inference worker) passes a partial table: the others are
 * answered with an error.
 */
export async function answerQuestion(handlers: Partial<Handlers>, question: Question, post: PostAnswer): Promise<void> {
  let result: Result<unknown>;
  try {
    const handler = handlers[question.name] as ((args: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`the worker does not know the question “${String(question.name)}”`);
    result = { ok: true, value: await handler(question.args) };
  } catch (e) {
    result = { ok: false, error: messageOf(e) };
  }
  post({ type: 'answer', id: question.id, result }, result.ok ? transferables(result.value) : []);
}
