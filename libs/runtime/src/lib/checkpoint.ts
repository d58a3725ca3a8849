// Checkpoints: model weights and optimizer state in one safetensors file, written atomically, so
// that a run resumed from a checkpoint follows the same trajectory as one never interrupted.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { tf } from './tf';
import { firstLine } from './error-text';
import { syncDirectory } from './files/atomic-write';
import { decodeTensor, encodeHeader, parseFile, tensorBytes, type TensorSpec } from './safetensors';

export type MetaValue = string | number | boolean;

/** What tf.Optimizer.getWeights() returns (tfjs-core does not export the type). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export interface CheckpointContents {
  weights: Record<string, tf.Tensor | tf.Variable>;
  optimizer?: tf.Optimizer;
  meta?: Record<string, MetaValue>;
}

/**
 * A checkpoint file that cannot be read back (missing bytes, bad header, truncated tensor):
 * unlike a checkpoint that does not fit a model, the caller can fall back to an older one.
 */
export class CheckpointCorruptError extends Error {
  override readonly name = 'CheckpointCorruptError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`loadCheckpoint: ${path} is not a valid checkpoint: ${reason}`);
  }
}

export interface SaveOptions {
  /**
   * Keep the file being replaced as `<path>.prev` (training checkpoints): if the new one is later
   * damaged on disk, a resume falls back to the previous one instead of stranding the run.
   */
  keepPrevious?: boolean;
}

/** Where saveCheckpoint({ keepPrevious }) keeps the checkpoint it replaced. */
export const previousCheckpointPath = (path: string): string => `${path}.prev`;

export interface SavedCheckpoint {
  path: string;
  bytes: number;
  sha256: string;
}

export interface LoadedCheckpoint {
  weights: Record<string, tf.Tensor>;
  /** In getWeights() order with the original names, ready for optimizer.setWeights(). */
  optimizerWeights: NamedTensor[];
  /** Optimizer variables outside getWeights(), by property name (Adam's accBeta1, accBeta2). */
  optimizerState: Record<string, tf.Tensor>;
  /** getClassName() of the optimizer that was saved, if any. */
  optimizerClass?: string;
  meta: Record<string, MetaValue>;
}

// Tensor-name prefixes and metadata keys reserved for this module.
const OPTIMIZER = '__optimizer__/';
const OPTIMIZER_STATE = '__optimizer_state__/';
const RESERVED = 'lddm.';
const KEY = {
  format: 'lddm.format',
  optimizerClass: 'lddm.optimizer.class',
  optimizerNames: 'lddm.optimizer.names',
  metaTypes: 'lddm.meta.types',
} as const;
const FORMAT = 'lddm-checkpoint/1';

/**
 * Writes to a temporary file beside `path`, fsyncs, reads it back and checks its hash, then
 * renames: readers never see a partial or unverified file.
 */
export async function saveCheckpoint(path: string, contents: CheckpointContents, options: SaveOptions = {}): Promise<SavedCheckpoint> {
  const fail = (reason: string): Error => new Error(`saveCheckpoint: cannot write ${path}: ${reason}`);
  const tensors: Array<{ name: string; tensor: tf.Tensor }> = [];
  for (const [name, tensor] of Object.entries(contents.weights)) {
    if (name.startsWith(OPTIMIZER) || name.startsWith(OPTIMIZER_STATE)) throw fail(`weight name "${name}" uses a reserved prefix`);
    tensors.push({ name, tensor });
  }
  const metadata: Record<string, string> = { [KEY.format]: FORMAT };
  const metaTypes: Record<string, string> = {};
  for (const [key, value] of Object.entries(contents.meta ?? {})) {
    if (key.startsWith(RESERVED)) throw fail(`meta key "${key}" uses the reserved prefix "${RESERVED}"`);
    metadata[key] = String(value);
    if (typeof value !== 'string') metaTypes[key] = typeof value;
  }
  metadata[KEY.metaTypes] = JSON.stringify(metaTypes);

  const temporaries: tf.Tensor[] = [];
  const { optimizer } = contents;
  if (optimizer !== undefined) {
    const named = await optimizer.getWeights();
    named.forEach(({ tensor }, i) => {
      tensors.push({ name: `${OPTIMIZER}${i}`, tensor });
      // getWeights() makes a fresh scalar for the iteration count; the rest are live variables.
      if (!(tensor instanceof tf.Variable)) temporaries.push(tensor);
    });
    const inWeights = new Set(named.map((n) => n.tensor));
    for (const [property, variable] of optimizerVariables(optimizer)) {
      // Adam keeps beta^t as running products; recomputing them from the step count on
      // setWeights() differs in the last float32 bit, so resuming would not be exact.
      if (!inWeights.has(variable)) tensors.push({ name: `${OPTIMIZER_STATE}${property}`, tensor: variable });
    }
    metadata[KEY.optimizerClass] = optimizer.getClassName();
    metadata[KEY.optimizerNames] = JSON.stringify(named.map((n) => n.name));
  }

  try {
    const specs: TensorSpec[] = tensors.map(({ name, tensor }) => ({ name, dtype: tensor.dtype, shape: tensor.shape }));
    let encoded: ReturnType<typeof encodeHeader>;
    try {
      encoded = encodeHeader(specs, metadata);
    } catch (error) {
      throw fail(firstLine(error));
    }
    return await writeAtomically(path, encoded.header, tensors.map((t) => t.tensor), options.keepPrevious === true);
  } finally {
    tf.dispose(temporaries);
  }
}

/** Reads a checkpoint; a truncated or corrupt file gives a one-line error naming it. */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    throw new Error(`loadCheckpoint: cannot read ${path}: ${firstLine(error)}`);
  }
  const corrupt = (reason: string): Error => new CheckpointCorruptError(path, reason);
  let parsed: ReturnType<typeof parseFile>;
  let optimizerNames: string[];
  let metaTypes: Record<string, unknown>;
  try {
    parsed = parseFile(file);
    optimizerNames = parseJson(parsed.metadata[KEY.optimizerNames] ?? '[]', KEY.optimizerNames, Array.isArray).map(String);
    metaTypes = parseJson(parsed.metadata[KEY.metaTypes] ?? '{}', KEY.metaTypes, isRecord);
  } catch (error) {
    throw corrupt(firstLine(error));
  }

  const { entries, metadata, dataStart } = parsed;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const optimizerEntries = optimizerNames.map((name, i) => ({ name, entry: byName.get(`${OPTIMIZER}${i}`) }));
  const missing = optimizerEntries.find((o) => o.entry === undefined);
  if (missing !== undefined) throw corrupt(`optimizer tensor "${missing.name}" is listed but absent`);
  const listed = new Set(optimizerNames.map((_, i) => `${OPTIMIZER}${i}`));
  const stray = entries.find((e) => e.name.startsWith(OPTIMIZER) && !listed.has(e.name));
  if (stray !== undefined) throw corrupt(`optimizer tensor "${stray.name}" is not listed in ${KEY.optimizerNames}`);

  const result: LoadedCheckpoint = { weights: {}, optimizerWeights: [], optimizerState: {}, meta: {} };
  for (const entry of entries) {
    if (entry.name.startsWith(OPTIMIZER_STATE)) {
      result.optimizerState[entry.name.slice(OPTIMIZER_STATE.length)] = decodeTensor(file, dataStart, entry);
    } else if (!entry.name.startsWith(OPTIMIZER)) {
      result.weights[entry.name] = decodeTensor(file, dataStart, entry);
    }
  }
  for (const { name, entry } of optimizerEntries) {
    if (entry !== undefined) result.optimizerWeights.push({ name, tensor: decodeTensor(file, dataStart, entry) });
  }
  if (metadata[KEY.optimizerClass] !== undefined) result.optimizerClass = metadata[KEY.optimizerClass];
  for (const [key, text] of Object.entries(metadata)) {
    if (key.startsWith(RESERVED)) continue;
    const type = metaTypes[key];
    result.meta[key] = type === 'number' ? Number(text) : type === 'boolean' ? text === 'true' : text;
  }
  return result;
}

async function writeAtomically(path: string, header: Buffer, tensors: tf.Tensor[], keepPrevious: boolean): Promise<SavedCheckpoint> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const file = await open(temporary, 'wx');
    handle = file;
    const write = async (chunk: Buffer): Promise<void> => {
      for (let done = 0; done < chunk.length; ) {
        const { bytesWritten } = await file.write(chunk, done, chunk.length - done);
        done += bytesWritten;
      }
      hash.update(chunk);
      bytes += chunk.length;
    };
    await write(header);
    // One tensor at a time: the whole checkpoint is never held in memory twice.
    for (const tensor of tensors) await write(await tensorBytes(tensor));
    await file.sync();
    await file.close();
    handle = undefined;
    // Read back what reached the disk before it replaces anything.
    const written = createHash('sha256').update(await readFile(temporary)).digest('hex');
    if (written !== hash.copy().digest('hex')) throw new Error('the file read back differs from what was written');
    // A crash between the two renames leaves only <path>.prev, which a resume falls back to.
    if (keepPrevious && existsSync(path)) await rename(path, previousCheckpointPath(path));
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(`saveCheckpoint: cannot write ${path}: ${firstLine(error)}`);
  }
  await syncDirectory(dirname(path));
  return { path, bytes, sha256: hash.digest('hex') };
}

/** The optimizer's own tf.Variable properties (not arrays of them), by property name. */
export function optimizerVariables(optimizer: tf.Optimizer): Array<[string, tf.Variable]> {
  return Object.entries(optimizer).filter((pair): pair is [string, tf.Variable] => pair[1] instanceof tf.Variable);
}

function parseJson<T>(text: string, key: string, check: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`metadata ${key} is not valid JSON`);
  }
  if (!check(value)) throw new Error(`metadata ${key} has the wrong type`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
