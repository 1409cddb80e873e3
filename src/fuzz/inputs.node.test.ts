// Property-based fuzzing of every parser in the registry, through the app's own actions: none
// throws, every refusal has a message, and a refused input leaves the network as it was.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPreset } from '../model/presets';
import { resetStore, useAppStore } from '../state/store';
import { connectWorker } from '../state/worker';
import { bridgeWorker } from './bridge';
import type { UntrustedInput } from './inputs';
import { UNTRUSTED_INPUTS } from './inputs';

/** Inputs tried per parser (FUZZ_RUNS overrides, for a longer run). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const tried: Record<string, { tried: number; refused: number }> = {};

/** JSON values of every kind, to put where a seed had something else. */
const jsonValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53, 'conv2d', 'dense', '', 'NaN', '<img src=x onerror=alert(1)>'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 30 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
);

/** Replace, delete or add one value somewhere inside a JSON document (by a path of choices). */
function mutateJson(doc: unknown, choices: number[], value: unknown, op: number): unknown {
  if (choices.length === 0 || doc === null || typeof doc !== 'object') return op === 0 ? undefined : value;
  const [c, ...rest] = choices as [number, ...number[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(doc) ? [...doc] : { ...(doc as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const key = keys[c % keys.length]!;
  const next = mutateJson((copy as Record<string, unknown>)[key], rest, value, op);
  if (next === undefined) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = next;
  return copy;
}

/** Marks a mutated document to be compressed into a #z= (or #r=) link before it is opened: the marker, the prefix, the JSON. */
const COMPRESS = '\u0000deflate:';
/** Links whose payload is compressed JSON: lesson links and result links. */
const isCompressed = (s: string) => s.startsWith('#z=') || s.startsWith('#r=');
/** The JSON inside each compressed seed. */
const inflated = new Map<string, string>();

async function deflated(text: string): Promise<string> {
  if (!text.startsWith(COMPRESS)) return text;
  const prefix = text.slice(COMPRESS.length, COMPRESS.length + 3);
  const stream = new Blob([text.slice(COMPRESS.length + 3)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return `${prefix}${Buffer.from(bytes).toString('base64url')}`;
}

async function inflate(hash: string): Promise<string> {
  const stream = new Blob([Buffer.from(hash.slice(3), 'base64url')]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/** Where a seed's JSON sits in its text (whole text, or after #arch= / &train= in a link). */
function jsonMutant(seed: string, choices: number[], value: unknown, op: number): string {
  if (seed.startsWith('#arch=')) {
    const [arch = '', ...rest] = seed.slice(6).split('&');
    const doc = JSON.parse(decodeURIComponent(arch)) as unknown;
    return `#arch=${encodeURIComponent(JSON.stringify(mutateJson(doc, choices, value, op)) ?? '')}${rest.length ? `&${rest.join('&')}` : ''}`;
  }
  if (isCompressed(seed)) return COMPRESS + seed.slice(0, 3) + JSON.stringify(mutateJson(JSON.parse(inflated.get(seed)!), choices, value, op));
  return JSON.stringify(mutateJson(JSON.parse(seed), choices, value, op)) ?? '';
}

/** Generated texts for one parser: mutated seeds, spliced and cut seeds, and plain noise. */
function texts(seeds: string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(seed, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), jsonValue, fc.nat(2)).map(([s, c, v, op]) => jsonMutant(s, c, v, op)) },
    { weight: 2, arbitrary: fc.tuple(seed, fc.nat(), fc.nat(), fc.string({ maxLength: 12 })).map(([s, at, cut, insert]) => s.slice(0, at % (s.length + 1)) + insert + s.slice((at % (s.length + 1)) + (cut % 20))) },
    { weight: 1, arbitrary: fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', '#arch=', '#z=', '#arch=%', '#z=AAAA', '#r=', '#r=AAAA'), fc.string({ maxLength: 200 })).map(([p, s]) => p + s) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom('['.repeat(50_000), `{"format":"cnn-playground/architecture","version":1,"layers":[${'{},'.repeat(5000)}{}]}`, '#arch=' + '%'.repeat(3000), '\u{1F600}'.repeat(300)) },
  );
}

/** A fresh store that keeps its connection to the (bridged) worker. */
function freshStore(): void {
  const { client, workerStatus } = useAppStore.getState();
  resetStore();
  useAppStore.setState({ client, workerStatus });
}

/** What must not change when an input is refused. */
const snapshot = () => {
  const s = useAppStore.getState();
  return { architecture: s.architecture, trainedKey: s.trainedKey, weightsVersion: s.weightsVersion, settings: s.settings, locked: s.locked, challenge: s.guide.challenge, classTable: s.guide.classTable };
};

async function fuzz(input: UntrustedInput): Promise<void> {
  const seeds = await input.seeds();
  for (const s of seeds) if (isCompressed(s)) inflated.set(s, await inflate(s));
  // The seeds themselves are taken: the app reads what it writes.
  for (const s of seeds) {
    freshStore();
    expect(await input.open(s), `${input.name}: its own seed`).toEqual({ ok: true });
  }
  let count = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(texts(seeds), async (generated) => {
      const text = await deflated(generated);
      count++;
      freshStore();
      useAppStore.setState({ architecture: findPreset('seed-larger-cnn')!.architecture });
      const before = snapshot();
      let verdict;
      try {
        verdict = await input.open(text);
      } catch (e) {
        throw new Error(`${input.name} threw on ${JSON.stringify(text.slice(0, 200))}: ${String(e)}`, { cause: e });
      }
      if (!verdict.ok) {
        refused++;
        expect(verdict.error.trim().length, 'a refusal says why').toBeGreaterThan(10);
        expect(snapshot(), `${input.name} refused ${JSON.stringify(text.slice(0, 120))} but changed the network`).toEqual(before);
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 13) },
  );
  tried[input.name] = { tried: count, refused };
}

describe('every parser, fuzzed', () => {
  let disconnect = () => {};
  beforeAll(async () => {
    await tf.setBackend('cpu');
    // Lesson links may turn presenter mode on, which touches the page's root element and storage.
    vi.stubGlobal('document', { documentElement: { dataset: {}, classList: { toggle: () => false } } });
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
    disconnect = connectWorker(bridgeWorker);
  });
  afterAll(() => {
    disconnect();
    vi.unstubAllGlobals();
    console.log(`fuzz inputs tried: ${JSON.stringify(tried)}`);
  });

  it.each(UNTRUSTED_INPUTS.map((i) => [i.name, i] as const))('%s: nothing throws, every refusal says why, and the network stays', async (_, input) => {
    await fuzz(input);
    expect(tried[input.name]?.tried).toBe(RUNS);
    // The generator reaches both sides: inputs taken and inputs refused.
    expect(tried[input.name]?.refused).toBeGreaterThan(RUNS / 10);
    expect(tried[input.name]?.refused).toBeLessThan(RUNS);
  }, 600_000);
});
