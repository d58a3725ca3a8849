// Trains the conditioning encoder as a VAE on plain arrays: first frames x0 [N, H, W, C] in
// [-1, 1], minimising L1 + klWeight * KL (ConditionVae.loss). The noise of step k's
// reparameterisation comes from the training Rng's child stream `noise${k}`.
import { tf } from '@lddm/runtime';
import { gatherRows, trainLoop, type TrainLoopResult } from '@lddm/nn';
import type { ConditionVae } from '../encoder/condition-vae';
import { loopOptions, rowCount, type CinnTrainOptions } from './cinn-training';

export async function trainConditionVae(vae: ConditionVae, images: Float32Array, options: CinnTrainOptions): Promise<TrainLoopResult> {
  const { imageSize: height, channels: inChannels } = vae.data;
  const width = height;
  const pixels = height * width * inChannels;
  const n = rowCount('trainConditionVae images', images, pixels);
  vae.train();
  try {
    return await trainLoop(
      loopOptions('cinn condition vae', vae, n, options, (batch, at) => {
        const x0 = tf.tensor4d(gatherRows(images, pixels, batch), [batch.length, height, width, inChannels]);
        let recon = Number.NaN;
        let kl = Number.NaN;
        const loss = options.optimizer.step(vae, () => {
          const terms = vae.loss(x0, options.rng.child(`noise${at.step}`));
          // Read inside the tape: the optimiser returns only the total.
          recon = terms.recon.dataSync()[0];
          kl = terms.kl.dataSync()[0];
          return terms.loss;
        });
        x0.dispose();
        return { loss, recon, kl };
      }),
    );
  } finally {
    vae.eval();
  }
}
