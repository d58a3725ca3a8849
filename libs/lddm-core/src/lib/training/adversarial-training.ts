// The optional adversarial part of stage 1 (the cINN reference; the LDDM paper names none):
// a frame PatchGAN and/or a temporal discriminator on a random window, hinge losses, feature
// matching for the generator and the R1 penalty for the discriminators, each discriminator with
// its own optimiser (the profile's lddm.stage1.adversarial.optimizer; reference: Adam, lr 2e-4,
// betas (0.5, 0.9)), its learning rate scaled with the generator's schedule.
import { tf, type Rng } from '@lddm/runtime';
import { createOptimizer, type Module, type Optimizer } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import { featureMatchingLoss, hingeDiscriminatorLoss, hingeGeneratorLoss, r1Penalty } from '../autoencoder/adversarial-loss';
import { FramePatchDiscriminator } from '../autoencoder/patch-discriminator';
import { framesOf } from '../autoencoder/stage1-loss';
import { TemporalDiscriminator, temporalWindow } from '../autoencoder/temporal-discriminator';

type AdversarialConfig = DeepReadonly<Stage1Config['adversarial']>;
type Judge = (x: tf.Tensor5D, rng: Rng) => { logits: tf.Tensor; features: tf.Tensor[] };

export class AdversarialTraining {
  private readonly judges: Array<{ name: string; module: Module; optimizer: Optimizer; judge: Judge }> = [];

  constructor(
    rng: Rng,
    private readonly config: AdversarialConfig,
    clip: { frames: number; channels: number; size: number },
  ) {
    if (config.spatial) {
      const d = new FramePatchDiscriminator(rng.child('spatial'), config, clip);
      this.judges.push({ name: 'spatial', module: d, optimizer: createOptimizer(config.optimizer), judge: (x) => d.apply(framesOf(x)) });
    }
    if (config.temporal) {
      const d = new TemporalDiscriminator(rng.child('temporal'), config, clip);
      const { window } = d.config;
      // The same window for real and fake within a step: the draw is named, so both calls agree.
      this.judges.push({ name: 'temporal', module: d, optimizer: createOptimizer(config.optimizer), judge: (x, r) => d.apply(temporalWindow(x, window, { start: r.child('start').int(clip.frames - window + 1) })) });
    }
  }

  /** Scales every discriminator's learning rate with the generator's schedule. */
  setLearningRate(factor: number): void {
    for (const j of this.judges) j.optimizer.learningRate = this.config.optimizer.lr * factor;
  }

  /** The generator's adversarial terms: weight * hinge + featureMatching * FM, summed over discriminators. */
  generatorLoss(real: tf.Tensor5D, fake: tf.Tensor5D, rng: Rng): { total: tf.Scalar; adversarial: tf.Scalar; featureMatching: tf.Scalar } {
    const adv: tf.Scalar[] = [];
    const fm: tf.Scalar[] = [];
    for (const j of this.judges) {
      const f = j.judge(fake, rng);
      const r = j.judge(real, rng);
      adv.push(hingeGeneratorLoss(f.logits));
      // The real features do not depend on the generator's variables: targets, no gradient.
      fm.push(featureMatchingLoss(r.features, f.features));
    }
    const adversarial = tf.addN(adv) as tf.Scalar;
    const featureMatching = tf.addN(fm) as tf.Scalar;
    const total = tf.add(tf.mul(adversarial, this.config.weight), tf.mul(featureMatching, this.config.featureMatching)) as tf.Scalar;
    return { total, adversarial, featureMatching };
  }

  /** One step of every discriminator on hinge + r1 * R1(real); returns their losses. */
  discriminatorStep(real: tf.Tensor5D, fake: tf.Tensor5D, rng: Rng): Record<string, number> {
    const out: Record<string, number> = {};
    for (const j of this.judges) {
      out[`d_${j.name}`] = j.optimizer.step(j.module, () => {
        const hinge = hingeDiscriminatorLoss(j.judge(real, rng).logits, j.judge(fake, rng).logits);
        if (this.config.r1 === 0) return hinge;
        const r1 = r1Penalty((x) => j.judge(x as tf.Tensor5D, rng).logits, real);
        return tf.add(hinge, tf.mul(r1, this.config.r1)) as tf.Scalar;
      });
    }
    return out;
  }

  modules(): Record<string, Module> {
    return Object.fromEntries(this.judges.map((j) => [`d_${j.name}`, j.module]));
  }

  optimizers(): Record<string, Optimizer> {
    return Object.fromEntries(this.judges.map((j) => [`d_${j.name}`, j.optimizer]));
  }

  dispose(): void {
    for (const j of this.judges) {
      j.module.dispose();
      j.optimizer.dispose();
    }
  }
}
