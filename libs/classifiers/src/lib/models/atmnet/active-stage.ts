// One ActiveMLP stage (reference ActiveMLP.forward_blocks): `depth` ActiveBlocks of width `dim`.
// Block j predicts new offsets when j % intv == 0 and it is not the stage's last block (the
// reference's rule, intv = 2 for Active-xT), and the stage's PEG runs just before it; the other
// blocks reuse the latest offsets. A one-block stage would have no predicting block in the
// reference (it crashes); here its block predicts (the smaller profiles use one-block stages).
import { Module } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import { ActiveBlock } from './active-block';
import { PositionEncoding } from './position-encoding';

export interface ActiveStageOptions {
  dim: number;
  depth: number;
  mlpRatio: number;
  /** Channels per shared offset (reference Active-xT: [2, 4, 4, 8] by stage). */
  offsetShare: number;
  /** Blocks between offset predictions (reference Active-xT: 2). */
  interval: number;
}

export const predictsOffsets = (j: number, depth: number, interval: number): boolean => j % interval === 0 && (j !== depth - 1 || j === 0);

export class ActiveStage extends Module {
  private readonly peg: PositionEncoding;
  private readonly blocks: ActiveBlock[];

  constructor(source: RandomSource, options: ActiveStageOptions) {
    super(source);
    const { dim, depth, mlpRatio, offsetShare, interval } = options;
    this.peg = this.addModule('peg', (rng) => new PositionEncoding(rng, dim));
    this.blocks = Array.from({ length: depth }, (_, j) =>
      this.addModule(String(j), (rng) => new ActiveBlock(rng, { dim, mlpRatio, offsetShare: predictsOffsets(j, depth, interval) ? offsetShare : undefined })),
    );
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let offsets: tf.Tensor4D | undefined;
      let h = x;
      for (const block of this.blocks) {
        if (block.predictsOffsets) {
          h = this.peg.apply(h);
          offsets = block.predictOffsets(h);
        }
        if (offsets === undefined) throw new Error(`${this.label}: no offsets before block ${block.label}`);
        h = block.apply(h, offsets);
      }
      return h;
    });
  }
}
