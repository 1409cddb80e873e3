// Yielding the worker's thread to its message queue between pieces of work (training steps, scoring chunks).

/**
 * Let the worker handle queued messages (pause, stop, a drawn digit to answer). On CPU backends
 * `await data()` resolves as a microtask and never reaches the message queue, so yield a
 * macrotask explicitly.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

