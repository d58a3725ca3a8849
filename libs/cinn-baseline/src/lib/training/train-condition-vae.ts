// Trains the conditioning encoder as a VAE on plain arrays: first frames x0 [N, H, W, C] in
// [-1, 1], minimising L1 + klWeight * KL (ConditionVae.loss). The noise of each step's
// reparameterisation comes from the training Rng's child stream 'noise'.
import { tf } from '@lddm/runtime';
import type { ConditionVae } from '../encoder/condition-vae';
import { gatherRows, rowCount } from './batches';
import { runTraining, type StepRecord, type TrainOptions } from './training-loop';

export interface ConditionVaeLosses {
  /** The objective: recon + klWeight * kl. */
  loss: number;
  /** Mean absolute error per pixel. */
  recon: number;
  /** KL(q(c | x0) || N(0, I)) per sample. */
  kl: number;
}

export function trainConditionVae(vae: ConditionVae, images: Float32Array, options: TrainOptions<ConditionVaeLosses>): Array<StepRecord<ConditionVaeLosses>> {
  const { height, width, inChannels } = vae.config.encoder;
  const pixels = height * width * inChannels;
  const n = rowCount('trainConditionVae images', images, pixels);
  const noise = options.rng.child('noise');
  vae.train();
  return runTraining(n, options, (batch) => {
    const x0 = tf.tensor4d(gatherRows(images, pixels, batch), [batch.length, height, width, inChannels]);
    let recon = Number.NaN;
    let kl = Number.NaN;
    const loss = options.optimizer.step(vae, () => {
      const terms = vae.loss(x0, noise);
      // Read inside the tape: the optimiser returns only the total.
      recon = terms.recon.dataSync()[0];
      kl = terms.kl.dataSync()[0];
      return terms.loss;
    });
    x0.dispose();
    return { loss, recon, kl };
  });
}
