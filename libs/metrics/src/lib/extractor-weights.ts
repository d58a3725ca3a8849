// Weights for the metric networks: a safetensors file in our layout (see tools/weights/README.md
// for converting the public PyTorch checkpoints), or, when none is given, the module's own seeded
// initialisation, labelled 'seeded-init' and hashed so that two runs can tell they used the same.
import { createHash } from 'node:crypto';
import { loadCheckpoint, tf } from '@lddm/runtime';
import { hashFileSync } from '@lddm/runtime/files';
import { loadState, type Module } from '@lddm/nn';
import type { ExtractorWeights, WeightsSource } from './feature-extractor';

export interface LoadedExtractorWeights {
  weights: Record<string, tf.Tensor>;
  sha256: string;
  path: string;
}

/**
 * Reads a safetensors file; `nameMap` renames (or, returning undefined, drops) each stored name.
 * The hash is of the file's bytes.
 */
export async function loadExtractorWeights(path: string, nameMap?: (name: string) => string | undefined): Promise<LoadedExtractorWeights> {
  const loaded = await loadCheckpoint(path);
  tf.dispose([...loaded.optimizerWeights.map((w) => w.tensor), ...Object.values(loaded.optimizerState)]);
  const weights: Record<string, tf.Tensor> = {};
  for (const [name, tensor] of Object.entries(loaded.weights)) {
    const mapped = nameMap === undefined ? name : nameMap(name);
    if (mapped === undefined) tensor.dispose();
    else weights[mapped] = tensor;
  }
  return { weights, sha256: hashFileSync(path).sha256, path };
}

/** sha256 of every parameter and buffer's float32 bytes, in name order. */
export async function moduleWeightsHash(module: Module): Promise<string> {
  const hash = createHash('sha256');
  const state = module.stateDict();
  for (const name of Object.keys(state).sort()) {
    const values = await state[name].data();
    hash.update(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  return hash.digest('hex');
}

/**
 * Loads `path` into the module (every name must match, as loadState checks) or keeps its seeded
 * initialisation; returns the identity to record with each metric value.
 */
export async function initialiseWeights(module: Module, path: string | undefined, source: Exclude<WeightsSource, 'seeded-init'> = 'file'): Promise<ExtractorWeights> {
  if (path === undefined) return { source: 'seeded-init', sha256: await moduleWeightsHash(module) };
  const loaded = await loadExtractorWeights(path);
  try {
    loadState(module, loaded.weights);
  } finally {
    tf.dispose(Object.values(loaded.weights));
  }
  return { source, sha256: loaded.sha256, path };
}
