// The PyTorch peer as one long-lived child process (peer_server.py) speaking JSON lines: one
// request at a time on its stdin, one reply line on its stdout. start() resolves to the peer, or
// to the one-line reason there is none (interpreter missing, torch not importable, crash).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface PeerHello {
  torch: string;
  python: string;
  threads: number;
  interopThreads: number;
  mkldnn: boolean;
  /** torch's BLAS_INFO, the BLAS / oneDNN libraries mapped into the process, and a 512^3 matmul's GFLOP/s on one thread. */
  blas: string;
  blasLibraries: string[];
  matmulGflops: number;
}

export interface PeerTimes {
  cpuMs: number[];
  wallMs: number[];
}

type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: string };

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'peer_server.py');

export class PeerProcess {
  private readonly lines: AsyncIterator<string>;
  private stderrTail = '';
  private exited: string | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly hello: PeerHello,
    lines: AsyncIterator<string>,
  ) {
    this.lines = lines;
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    child.on('exit', (code, signal) => {
      this.exited = `peer exited (${signal ?? `code ${code}`})`;
    });
  }

  /**
   * Spawns `python peer_server.py --threads n` with the BLAS / OpenMP pools at n threads; `libPath`
   * is put first on the child's LD_LIBRARY_PATH (e.g. an OpenBLAS libblas.so.3). A string when
   * there is no usable peer.
   */
  static async start(python: string, threads: number, libPath?: string): Promise<PeerProcess | string> {
    let child: ChildProcessWithoutNullStreams;
    const n = String(threads);
    const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
    if (libPath !== undefined) env['LD_LIBRARY_PATH'] = [libPath, process.env['LD_LIBRARY_PATH']].filter((p) => p !== undefined && p !== '').join(':');
    try {
      child = spawn(python, ['-u', SERVER, '--threads', n], { stdio: ['pipe', 'pipe', 'pipe'], env });
    } catch (e) {
      return `cannot start ${python}: ${e instanceof Error ? e.message : String(e)}`;
    }
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const spawnError = new Promise<string>((resolve) => child.on('error', (e) => resolve(`cannot start ${python}: ${e.message}`)));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await Promise.race([lines.next().then((r) => (r.done === true ? undefined : r.value)), spawnError]);
    if (first === undefined) {
      return `${python} peer_server.py exited before saying hello${stderr.trim() === '' ? '' : `: ${lastLine(stderr)}`}`;
    }
    if (!first.startsWith('{')) {
      child.kill();
      return first;
    }
    const hello = JSON.parse(first) as { ok: boolean; error?: string } & PeerHello;
    if (!hello.ok) {
      child.kill();
      return `PyTorch is not importable with ${python} (${hello.error ?? 'unknown error'})`;
    }
    return new PeerProcess(child, hello, lines);
  }

  /** One request, its reply; throws with the peer's error message. */
  async request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited !== undefined) throw new Error(this.exited);
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const next = await this.lines.next();
    if (next.done === true) throw new Error(`${this.exited ?? 'peer closed its output'}${this.stderrTail.trim() === '' ? '' : `: ${lastLine(this.stderrTail)}`}`);
    const reply = JSON.parse(next.value) as Reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  /** Builds the workload's network; its trainable parameter count and shapes. */
  async build(workload: string, inner: number, spec: Record<string, unknown>): Promise<{ params: number; shapes: number[][] }> {
    const reply = await this.request({ cmd: 'build', workload, inner, spec });
    return { params: Number(reply['params']), shapes: reply['shapes'] as number[][] };
  }

  async step(n: number): Promise<PeerTimes> {
    const reply = await this.request({ cmd: 'step', n });
    return { cpuMs: reply['cpuMs'] as number[], wallMs: reply['wallMs'] as number[] };
  }

  async close(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await this.request({ cmd: 'quit' });
      } catch {
        // already gone
      }
    }
    this.child.stdin.end();
    if (this.exited === undefined) this.child.kill();
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
