// The optional adversarial terms of the cINN reference's stage 1 (docs/method.md "Stage 1", Loss):
// hinge losses (Lim & Ye 2017; Miyato et al. 2018), feature matching (Wang et al. 2018, pix2pixHD)
// and the R1 gradient penalty (Mescheder et al. 2018). Weights are applied by the caller
// (AdversarialSchema: weight, featureMatching, r1).
import { tf } from '@lddm/runtime';
import { enableSecondOrderGradients } from '@lddm/nn';

/** Discriminator hinge: mean(relu(1 - D(real))) + mean(relu(1 + D(fake))). */
export function hingeDiscriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.add<tf.Scalar>(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits)))));
}

/** Generator hinge: -mean(D(fake)). */
export function hingeGeneratorLoss(fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean<tf.Scalar>(fakeLogits)));
}

/**
 * Feature matching: the mean over the discriminator's layers of mean |f_real - f_fake|. The real
 * features are targets: compute them outside the generator's gradient (or pass only the
 * generator's variables to the optimiser), so no gradient reaches the discriminator from here.
 */
export function featureMatchingLoss(realFeatures: readonly tf.Tensor[], fakeFeatures: readonly tf.Tensor[]): tf.Scalar {
  if (realFeatures.length !== fakeFeatures.length || realFeatures.length === 0) {
    throw new Error(`featureMatchingLoss: expected two equally long, non-empty lists of features, got ${realFeatures.length} and ${fakeFeatures.length}`);
  }
  return tf.tidy(() => {
    const terms = realFeatures.map((r, i) => tf.mean<tf.Scalar>(tf.abs(tf.sub(r, fakeFeatures[i] ?? r))));
    return tf.div<tf.Scalar>(tf.addN(terms), terms.length);
  });
}

/**
 * R1 = E_x ||grad_x sum(D(x))||^2 on real data (Mescheder et al. 2018, eq. 9 without the
 * gamma / 2, which the caller's weight carries): the squared gradient norm per sample, averaged
 * over the batch. For patch discriminators the logits are summed, as StyleGAN2 does. The result is
 * differentiable in D's parameters (a second-order gradient), so it can be minimised by D.
 */
export function r1Penalty(discriminator: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor): tf.Scalar {
  // LeakyReLU's and conv3d's gradients need gradients of their own here, which tfjs lacks.
  enableSecondOrderGradients();
  return tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(discriminator(x)))(real);
    const batch = real.shape[0] ?? 1;
    return tf.div<tf.Scalar>(tf.sum(tf.square(g)), batch);
  });
}
