// The in-domain I3D of one split (issue 7: "an I3D trained by the platform on the split's real
// training videos"): @lddm/metrics' I3D with 2 classes (benign / malignant), trained from its
// seeded initialisation with Adam + softmax cross-entropy on the split's real training clips, fed
// exactly as the extractor feeds them (prepareClips: the first metrics.frames frames resized to
// metrics.size, grey replicated to RGB, [-1, 1]). Its weights are written as the safetensors file
// the 'i3d-in-domain' extractor loads (the module's state dict by name, as initialiseWeights reads),
// so Table 1's fvd_in_domain compares the real and generated clips in features of this domain.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { crossEntropy } from '@lddm/classifiers';
import { I3d, prepareClips } from '@lddm/metrics';
import { createOptimizer, gatherRows, trainLoop } from '@lddm/nn';
import { hashFileSync } from '@lddm/runtime/files';
import { Rng, saveCheckpoint, tf } from '@lddm/runtime';
import type { Profile } from '@lddm/config';
import type { ArtifactRecord, RunHandle, RunRecord } from '@lddm/registry';
import { graphContext, keyedOf, outcomeOf, type PipelineContext, type StepOutcome } from '../context';
import { Graph, type Done, type StepRef } from '../dag/graph';
import { runGraph } from '../dag/run-graph';
import { pipelineDataStep, splitClips, type PipelineData } from '../datasets';
import { logStepLosses } from '../run-metrics';
import type { ExtractorWeightsChoice } from './extractor-weights';

export const IN_DOMAIN_EXTRACTOR = 'i3d-in-domain';
/** BUSV's two classes (label 0 benign, 1 malignant). */
export const IN_DOMAIN_CLASSES = 2;
const WEIGHTS_FILE = 'i3d-in-domain.safetensors';

/** Adam as torch's defaults (betas 0.9 / 0.999, no decay, no clipping): only lr comes from the profile. */
const adam = (lr: number) => ({ kind: 'adam' as const, lr, betas: [0.9, 0.999] as [number, number], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 });

export interface InDomainI3dResult {
  weightsPath: string;
  weightsSha256: string;
}

/** The split's in-domain I3D as a step; records per-step loss and the weights file (artifact kind 'weights'). */
export function inDomainI3dStep(graph: Graph, ctx: Pick<PipelineContext, 'profile' | 'sourceVersion'>, dataRef: StepRef<PipelineData>, ratio: string): StepRef<Done> {
  const { frames, size, inDomain } = ctx.profile.metrics;
  const optimizerConfig = adam(inDomain.lr);
  const config = { ratio, frames, size, classes: IN_DOMAIN_CLASSES, epochs: inDomain.epochs, batchSize: inDomain.batchSize, optimizer: optimizerConfig, input: 'first-frames' };
  const name = `${IN_DOMAIN_EXTRACTOR} ${ratio}`;
  return graph.step(name, () => ({
    name,
    needs: [dataRef],
    keyed: (view) => keyedOf(ctx, { kind: IN_DOMAIN_EXTRACTOR, config, inputs: [view.keyed(dataRef).key], seedPath: [IN_DOMAIN_EXTRACTOR, ratio], params: { ratio } }),
    compute: (inputs, run, dir, seed) => trainInDomain(inputs.get(dataRef), ratio, frames, size, inDomain, optimizerConfig)(run, dir, seed),
  }));
}

/** Trains (or reuses) the split's in-domain I3D (and the data step before it). */
export async function ensureInDomainI3d(ctx: PipelineContext, ratio: string): Promise<StepOutcome<InDomainI3dResult>> {
  const graph = new Graph();
  const ref = inDomainI3dStep(graph, ctx, graph.step('data', () => pipelineDataStep(ctx)), ratio);
  const { done } = await runGraph(graph, graphContext(ctx));
  return outcomeOf<InDomainI3dResult>(done.get(ref.name)!);
}

/** The work of a new run: train the I3D on the split's training clips, write its weights file. */
const trainInDomain =
  (data: PipelineData, ratio: string, frames: number, size: number, inDomain: Profile['metrics']['inDomain'], optimizerConfig: ReturnType<typeof adam>) =>
  async (run: RunHandle, dir: string, seed: number): Promise<InDomainI3dResult> => {
    const clips = splitClips(data, ratio, 'train');
    const [n, t, h, w, c] = clips.shape;
    if (t < frames) throw new Error(`${IN_DOMAIN_EXTRACTOR}: clips have ${t} frames, metrics.frames asks for ${frames}`);
    const network = new I3d(new Rng(seed).child('init'), { classes: IN_DOMAIN_CLASSES });
    const optimizer = createOptimizer(optimizerConfig);
    const checkpoint = join(dir, 'checkpoint.safetensors');
    const weightsPath = join(dir, WEIGHTS_FILE);
    try {
      const counts = [0, 1].map((k) => clips.labels.filter((l) => l === k).length);
      run.logParams({ parameters: network.parameterCount(), trainClips: n, benignClips: counts[0], malignantClips: counts[1], resumed: existsSync(checkpoint) });
      network.train();
      const rowSize = t * h * w * c;
      const result = await trainLoop({
        label: `${IN_DOMAIN_EXTRACTOR} ${ratio}`,
        samples: n,
        batchSize: inDomain.batchSize,
        length: { unit: 'epochs', length: inDomain.epochs },
        rng: new Rng(seed).child('train'),
        step: (indices) => {
          const batch = tf.tensor5d(gatherRows(clips.data, rowSize, indices), [indices.length, t, h, w, c]);
          const labels = tf.tensor1d(Array.from(indices, (i) => clips.labels[i]), 'int32');
          try {
            const x = prepareClips(batch, frames, size);
            try {
              // Eq.: L = -mean_i log softmax(f(x_i))[y_i]; BatchNorm normalises with batch statistics.
              return { loss: optimizer.step(network, () => crossEntropy(network.apply(x).logits, labels)) };
            } finally {
              x.dispose();
            }
          } finally {
            tf.dispose([batch, labels]);
          }
        },
        onStep: logStepLosses(run),
        checkpoint: { path: checkpoint, state: { modules: { model: network }, optimizers: { model: optimizer } }, resume: true },
      });
      network.eval();
      // The extractor's layout: the I3D's own parameter and buffer names, nothing else.
      await saveCheckpoint(weightsPath, { weights: network.stateDict(), meta: { extractor: IN_DOMAIN_EXTRACTOR, classes: IN_DOMAIN_CLASSES, ratio, frames, size } });
      const weightsSha256 = hashFileSync(weightsPath).sha256;
      run.logParams({ steps: result.steps, epochs: result.plan.epochs, weightsSha256 });
      run.addArtifact({ path: checkpoint, kind: 'checkpoint' });
      run.addArtifact({ path: weightsPath, kind: 'weights' });
      return { weightsPath, weightsSha256 };
    } finally {
      network.dispose();
      optimizer.dispose();
    }
  };

/** The in-domain I3D's weights file of its finished run, as an extractor choice. */
export function inDomainWeights(step: { run: RunRecord; artifacts: readonly ArtifactRecord[] }, seed: number): ExtractorWeightsChoice {
  const found = step.artifacts.find((a) => a.kind === 'weights');
  if (found === undefined || !existsSync(found.path)) throw new Error(`${IN_DOMAIN_EXTRACTOR} run ${step.run.id} has no weights file; rerun it with --force`);
  return { extractor: IN_DOMAIN_EXTRACTOR, path: found.path, fileSha256: hashFileSync(found.path).sha256, seed };
}
