// Trains the cINN on plain arrays: latents z [N, D] of the frozen stage-1 encoder and conditions
// c [N, cDim] (the conditioning encoder's means), minimising the reference's loss
// mean(0.5 |v|^2) - mean(logdet) (ConditionalFlow.nll).
import { tf } from '@lddm/runtime';
import { gatherRows, trainLoop, type TrainLoopResult } from '@lddm/nn';
import type { ConditionalFlow } from '../flow/conditional-flow';
import { loopOptions, rowCount, type CinnTrainOptions } from './cinn-training';

export async function trainFlow(flow: ConditionalFlow, latents: Float32Array, conds: Float32Array, options: CinnTrainOptions): Promise<TrainLoopResult> {
  const { latentDim, condDim } = flow;
  const n = rowCount('trainFlow latents', latents, latentDim);
  if (rowCount('trainFlow conds', conds, condDim) !== n) throw new Error(`trainFlow: ${n} latents but ${conds.length / condDim} conditions`);
  flow.train();
  try {
    return await trainLoop(
      loopOptions('cinn flow', flow, n, options, (batch) => {
        const z = tf.tensor2d(gatherRows(latents, latentDim, batch), [batch.length, latentDim]);
        const c = tf.tensor2d(gatherRows(conds, condDim, batch), [batch.length, condDim]);
        // ActNorm's data-dependent init on the first batch, outside the gradient tape (as the
        // reference, it runs before that batch's loss is computed).
        if (!flow.initialized) tf.dispose(Object.values(flow.encode(z, c)));
        const loss = options.optimizer.step(flow, () => flow.nll(z, c));
        tf.dispose([z, c]);
        return { loss };
      }),
    );
  } finally {
    flow.eval();
  }
}
