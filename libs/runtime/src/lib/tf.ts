// The single place a tfjs package is imported for use by the rest of the monorepo: other libs
// write `import { tf } from '@lddm/runtime'`, so a backend swap or a tfjs upgrade touches one lib.
//
// tfjs-core's Node bundle registers no gradient functions: without the union package, every
// tf.grad / optimizer.minimize fails with "gradient function not found". @tensorflow/tfjs
// registers them all (its bundle inlines the configs) on the same tfjs-core instance; it costs
// ~0.7 s of start-up, also loading layers/converter/data, which we do not re-export.
import '@tensorflow/tfjs';

export * as tf from '@tensorflow/tfjs-core';
