// An exponential moving average of a module's weights (Polyak averaging, as DDPM samples from:
// Ho et al. 2020, EMA decay 0.9999), kept in a second module of the same architecture:
//   shadow <- decay * shadow + (1 - decay) * live      for every parameter, after each step,
// while buffers (e.g. a fitted normalisation) are copied, not averaged. The shadow is an ordinary
// Module, so a training checkpoint saves and restores it like any other, and sampling uses it.
import { tf } from '@lddm/runtime';
import type { Module } from '../module';

function pairs(shadow: Module, live: Module, which: 'namedParameters' | 'namedBuffers'): Array<[tf.Variable, tf.Variable]> {
  const theirs = new Map(live[which]());
  return shadow[which]().map(([name, v]) => {
    const w = theirs.get(name);
    if (w === undefined || w.shape.join() !== v.shape.join()) {
      throw new Error(`weight EMA: '${name}' [${v.shape}] has no counterpart of that shape in the live module`);
    }
    return [v, w];
  });
}

/** Makes `shadow` an exact copy of `live` (the average's starting point, and its buffers). */
export function copyWeights(shadow: Module, live: Module): void {
  for (const [v, w] of [...pairs(shadow, live, 'namedParameters'), ...pairs(shadow, live, 'namedBuffers')]) v.assign(w);
}

/** One EMA step: parameters averaged with weight `decay` on the shadow, buffers copied. */
export function updateWeightEma(shadow: Module, live: Module, decay: number): void {
  if (!(decay >= 0 && decay < 1)) throw new Error(`weight EMA: decay must be in [0, 1), got ${decay}`);
  tf.tidy(() => {
    for (const [v, w] of pairs(shadow, live, 'namedParameters')) v.assign(tf.add(tf.mul(v, decay), tf.mul(w, 1 - decay)));
  });
  for (const [v, w] of pairs(shadow, live, 'namedBuffers')) v.assign(w);
}
