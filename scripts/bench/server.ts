// Builds the app and serves the build with `vite preview` (which sends the cross-origin isolation headers).
import { spawn, spawnSync } from 'node:child_process';

export function build(): void {
  const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build failed');
}

export interface Server {
  url: string;
  stop: () => void;
}

async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Serves `outDir` (dist/ by default) on `port`; stop() ends the server's whole process group (npx starts a child). */
export async function serve(port: number, outDir?: string): Promise<Server> {
  const args = ['vite', 'preview', '--port', String(port), '--strictPort', ...(outDir ? ['--outDir', outDir] : [])];
  const child = spawn('npx', args, { detached: true, stdio: 'ignore' });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(url, 30_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
