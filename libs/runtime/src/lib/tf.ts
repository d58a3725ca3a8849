// The single place a tfjs package is imported for use by the rest of the monorepo: other libs
// write `import { tf } from '@lddm/runtime'`, so a backend swap or a tfjs upgrade touches one lib.
export * as tf from '@tensorflow/tfjs-core';
