// The exact optimal denoiser when the data are Gaussian, z_0 ~ N(mu, sigma^2 I): a network-free
// epsilon model whose samples must follow N(mu, sigma^2 I), so it tests samplers end to end.
//
// Derivation. z_t = sqrt(abar_t) z_0 + sqrt(1 - abar_t) eps with z_0 and eps independent, so
// (eps, z_t) are jointly Gaussian, entrywise:
//   E[z_t] = sqrt(abar_t) mu,  Var[z_t] = abar_t sigma^2 + 1 - abar_t,  Cov[eps, z_t] = sqrt(1 - abar_t).
// The minimiser of the eq. 3 loss is the conditional mean, and for jointly Gaussian variables
//   eps*(z_t, t) = E[eps | z_t] = Cov[eps, z_t] / Var[z_t] * (z_t - E[z_t])
//                = (z_t - sqrt(abar_t) mu) * sqrt(1 - abar_t) / (abar_t sigma^2 + 1 - abar_t).
import { tf } from '@lddm/runtime';
import type { EpsilonModel } from './epsilon-model';
import type { NoiseSchedule } from './noise-schedule';

/**
 * eps*(z_t, t) for z_0 ~ N(mu, sigma^2 I); mu may be a number or one value per latent entry
 * (shape z.shape.slice(1), flattened). Ignores the condition.
 */
export function gaussianOptimalDenoiser<C = undefined>(
  schedule: NoiseSchedule,
  mu: number | readonly number[],
  sigma: number,
): EpsilonModel<C> {
  return (zt, t) =>
    tf.tidy(() => {
      const ts = Array.from(t.dataSync());
      for (const tb of ts) schedule.checkTimestep(tb, 'gaussianOptimalDenoiser');
      const perSample = [ts.length, ...zt.shape.slice(1).map(() => 1)];
      const abar = ts.map((tb) => schedule.alphaBar[tb]);
      const sqrtAbar = tf.tensor(abar.map(Math.sqrt), perSample, 'float32');
      const gain = tf.tensor(
        abar.map((a) => Math.sqrt(1 - a) / (a * sigma * sigma + 1 - a)),
        perSample,
        'float32',
      );
      const muTensor = typeof mu === 'number' ? tf.scalar(mu) : tf.tensor(Array.from(mu), zt.shape.slice(1), 'float32');
      // eps* = (z_t - sqrt(abar_t) mu) * sqrt(1 - abar_t) / (abar_t sigma^2 + 1 - abar_t).
      return tf.mul(tf.sub(zt, tf.mul(sqrtAbar, muTensor)), gain);
    });
}
