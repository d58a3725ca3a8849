// nx run experiments:lddm | experiments:cinn [--configuration=smoke|cpu|paper]: one generator on
// one split (default grid.table1.ratio): its training steps, then videos from the BUSI images and
// from the first frames of the split's test videos, as one graph. Every step is a registry run,
// reused when finished.
import { defineCommand, main, PIPELINE_OPTIONS, pipelineArgs, withOptions } from '@lddm/cli-kit';
import { RATIO_PATTERN } from '@lddm/config';
import type { GeneratorId } from '@lddm/config';
import { generatorSteps, Graph, graphContext, pipelineDataStep, runGraph, synthesisLine, synthesisStep, trainingLine, withPipeline } from '@lddm/pipeline';
import { z } from 'zod';

const TITLES: Record<GeneratorId, string> = {
  lddm: 'Train LDDM (stage 1 autoencoder, stage 2 latent DDPM) on one split and synthesize videos from BUSI images and from test first frames.',
  cinn: 'Train the cINN baseline (conditioning VAE, flow on the stage-1 latents) on one split and synthesize videos from BUSI images and from test first frames.',
};

export function generatorCommand(id: GeneratorId) {
  return defineCommand({
    command: '$0',
    describe: TITLES[id],
    options: (y) => withOptions(y.option('split', { type: 'string', requiresArg: true, describe: 'split ratio (default grid.table1.ratio)' }), ...PIPELINE_OPTIONS),
    schema: z.object({ split: z.string().regex(RATIO_PATTERN, { error: 'expected a ratio "train:test" such as "7:3"' }).optional(), ...pipelineArgs }),
    handler: async (args, ctx) =>
      withPipeline({ ...args, experiment: (profile) => `${id}-${profile.name}` }, (line) => ctx.print(line), async (p) => {
        const ratio = args.split ?? p.profile.grid.table1.ratio;
        // One graph: the training steps run (or are reused) once for both syntheses.
        const graph = new Graph();
        const data = graph.step('data', () => pipelineDataStep(p));
        const trained = generatorSteps(graph, p, data, id, ratio);
        const busi = synthesisStep(graph, p, data, id, ratio, 'busi');
        const test = synthesisStep(graph, p, data, id, ratio, 'test');
        const { done } = await runGraph(graph, graphContext(p));
        const run = (ref: { name: string }) => done.get(ref.name)!;
        ctx.print(`${id === 'lddm' ? 'LDDM' : 'cINN'}, split ${ratio}, profile ${p.profile.name}:`);
        for (const [label, ref] of trained) ctx.print(trainingLine(p.registry, label, run(ref).run.id, run(ref).reused));
        ctx.print(synthesisLine(p.registry, 'from BUSI', run(busi).run.id, run(busi).reused));
        ctx.print(synthesisLine(p.registry, 'from test x0', run(test).run.id, run(test).reused));
      }),
  });
}

export async function generatorMain(id: GeneratorId): Promise<void> {
  await main({ scriptName: id, describe: TITLES[id], commands: [generatorCommand(id)] });
}
