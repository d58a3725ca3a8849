// A chain of flow blocks is a flow block: forward composes and sums the log-dets (the chain rule
// for Jacobian determinants), inverse runs the blocks' inverses in reverse order.
import { tf, type Rng, type RandomSource } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import type { FlowBlock, FlowOutput } from './flow-block';

export type FlowModule = Module & FlowBlock;

export class FlowSequence extends Module implements FlowBlock {
  readonly blocks: FlowModule[];

  /** `steps`: [name, builder] pairs; each block is built from the stream named after it. */
  constructor(source: RandomSource, steps: ReadonlyArray<readonly [string, (rng: Rng) => FlowModule]>) {
    super(source);
    this.blocks = steps.map(([name, build]) => this.addModule(name, build));
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    return tf.tidy(() => {
      let y = x;
      let logdet: tf.Tensor1D = tf.zeros([x.shape[0]]);
      for (const block of this.blocks) {
        const out = block.forward(y, cond);
        y = out.y;
        logdet = tf.add(logdet, out.logdet);
      }
      return { y, logdet };
    });
  }

  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.blocks.reduceRight((x, block) => block.inverse(x, cond), y));
  }
}
