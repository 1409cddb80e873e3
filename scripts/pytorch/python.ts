// Debian's Python with torch, for the tests of the PyTorch export: is it there, and run the harness on jobs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter: another python3 earlier on the PATH may lack torch. */
export const PYTHON = '/usr/bin/python3';
/** Debian's torchrun, for distributed runs. */
export const TORCHRUN = '/usr/bin/torchrun';

const HARNESS = fileURLToPath(new URL('./harness.py', import.meta.url));

/** True when Debian's python3 imports torch. */
export function hasTorch(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;
}

/**
 * Tests of the export run in real PyTorch: .ci/run installs python3-torch and sets REQUIRE_TORCH,
 * so there they must run; elsewhere they are skipped, with this reason, when torch is missing.
 */
export function torchOrSkip(): { skip: boolean; reason: string } {
  const present = hasTorch();
  if (!present && (process.env.REQUIRE_TORCH || process.env.CI)) throw new Error(`${PYTHON} has no torch: apt-get install python3-torch (as .ci/run does).`);
  return { skip: !present, reason: `${PYTHON} cannot import torch (apt-get install python3-torch); the PyTorch export tests are skipped.` };
}

/** Run harness jobs (see harness.py) in one Python process; throws with Python's stderr when it fails. */
export function runHarness<T = Record<string, unknown>>(jobs: Record<string, unknown>[], timeoutMs = 300_000): T[] {
  const r = spawnSync(PYTHON, [HARNESS], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`The PyTorch harness failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}
