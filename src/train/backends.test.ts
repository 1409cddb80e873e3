// Backend choice without a browser: auto's order, falling back after a failure, and a lost GPU.
import { describe, expect, it, vi } from 'vitest';
import type { Probe } from './backends';
import { autoOrder, choose, nextBackend } from './backends';
import { unlessLost, watchBackend } from './health';
import type { BackendName } from './protocol';

const probe = (name: BackendName, available: boolean, software = false, detail: string = name): Probe => ({ name, available, software, detail });
const hardwareGpus = [probe('webgpu', true, false, 'NVIDIA'), probe('webgl', true, false, 'ANGLE NVIDIA'), probe('wasm', true), probe('cpu', true)];
const softwareGpus = [probe('webgpu', true, true, 'SwiftShader fallback'), probe('webgl', true, true, 'SwiftShader'), probe('wasm', true), probe('cpu', true)];

describe('auto order', () => {
  it('prefers hardware GPUs, then WASM and CPU', () => {
    expect(autoOrder(hardwareGpus).map((c) => c.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('puts software GPUs last and says why', () => {
    const order = autoOrder(softwareGpus);
    expect(order.map((c) => c.name)).toEqual(['wasm', 'cpu', 'webgpu', 'webgl']);
    expect(order[0]!.reason).toMatch(/no hardware GPU; webgpu is a software GPU \(SwiftShader fallback\); webgl is a software GPU \(SwiftShader\), slower than WASM/);
  });

  it('leaves out what the browser cannot run', () => {
    expect(autoOrder([probe('webgpu', false), probe('webgl', false), probe('wasm', true), probe('cpu', true)]).map((c) => c.name)).toEqual(['wasm', 'cpu']);
  });
});

describe('choosing', () => {
  const deps = (failing: BackendName[]) => ({
    probe: () => Promise.resolve(hardwareGpus),
    start: vi.fn((name: BackendName) => (failing.includes(name) ? Promise.reject(new Error(`${name} init failed`)) : Promise.resolve({ threads: name === 'wasm' ? 2 : 1 }))),
  });

  it('falls back to the next backend when one fails to start, and says what failed', async () => {
    const d = deps(['webgpu', 'webgl']);
    const chosen = await choose('auto', [], d);
    expect(chosen).toMatchObject({ name: 'wasm', threads: 2 });
    expect(chosen.reason).toContain('webgpu failed: webgpu init failed; webgl failed: webgl init failed');
    expect(d.start.mock.calls.map((c) => c[0])).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('does not pick again a backend that died in this session', async () => {
    const d = deps([]);
    expect((await choose('auto', ['webgpu'], d)).name).toBe('webgl');
    expect(d.start.mock.calls.map((c) => c[0])).toEqual(['webgl']);
  });

  it('a backend chosen by hand that fails is an error, not a silent switch', async () => {
    await expect(choose('webgl', [], deps(['webgl']))).rejects.toThrow('No backend could start: webgl failed: webgl init failed');
  });

  it('falls back in the fixed order after a failure mid-run', () => {
    expect([nextBackend('webgpu'), nextBackend('webgl'), nextBackend('wasm'), nextBackend('cpu')]).toEqual(['webgl', 'wasm', 'cpu', null]);
  });
});

describe('a lost GPU', () => {
  it('a lost WebGPU device ends the watch with the reason, and stops a run waiting on the device', async () => {
    let lose: (info: { reason?: string; message?: string }) => void = () => undefined;
    const device = { lost: new Promise<{ reason?: string; message?: string }>((resolve) => (lose = resolve)) };
    const watch = watchBackend('webgpu', () => ({ device }));
    const never = new Promise<string>(() => undefined); // a read that the dead device never answers
    const run = unlessLost(never, watch);
    lose({ reason: 'destroyed', message: 'GPU process crashed' });
    await expect(watch.lost).resolves.toBe('the WebGPU device was lost (GPU process crashed)');
    await expect(run).rejects.toThrow('the WebGPU device was lost (GPU process crashed)');
  });

  it('a watch that was stopped stays quiet when the old device goes', async () => {
    let lose: (info: { reason?: string }) => void = () => undefined;
    const device = { lost: new Promise<{ reason?: string }>((resolve) => (lose = resolve)) };
    const watch = watchBackend('webgpu', () => ({ device }));
    watch.stop();
    lose({ reason: 'destroyed' });
    const outcome = await Promise.race([watch.lost.then(() => 'lost'), new Promise((r) => setTimeout(() => r('quiet'), 20))]);
    expect(outcome).toBe('quiet');
  });

  it('a lost WebGL context is noticed by polling', async () => {
    vi.useFakeTimers();
    let lostContext = false;
    const watch = watchBackend('webgl', () => ({ gpgpu: { gl: { isContextLost: () => lostContext } } }));
    lostContext = true;
    await vi.advanceTimersByTimeAsync(600);
    await expect(watch.lost).resolves.toMatch(/WebGL context was lost/);
    vi.useRealTimers();
  });
});
