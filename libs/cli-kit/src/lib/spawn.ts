// Runs a TypeScript CLI as a real child process (node --import tsx) from the workspace root:
// what the CLI tests use to check exit codes and stderr exactly as a user would see them.
import { spawn } from 'node:child_process';
import { findWorkspaceRoot } from '@lddm/config';

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Non-empty stderr lines. */
  errLines: string[];
}

/**
 * Spawns `node --import tsx <script> ...args` with cwd = the workspace root (so tsconfig path
 * aliases resolve). LDDM_DEBUG is cleared unless `env` sets it.
 */
export function runTsCli(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: findWorkspaceRoot(),
      env: { ...process.env, LDDM_DEBUG: '', NO_COLOR: '1', ...env },
      timeout: 600_000, // a hang guard: a busy machine must not fail a test
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, errLines: stderr.split('\n').filter((l) => l.trim() !== '') }));
  });
}
