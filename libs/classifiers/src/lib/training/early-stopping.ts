// Which epoch's weights to keep and when to stop: the best validation value so far (strictly
// greater wins, so ties keep the earlier epoch, as mmaction2's save_best 'greater'), and a stop
// after `patience` epochs without improvement (0 = never stop early).
export class EarlyStopping {
  private best = -Infinity;
  private bestAt: number | undefined;
  private sinceBest = 0;

  constructor(readonly patience: number) {
    if (!Number.isInteger(patience) || patience < 0) throw new Error(`EarlyStopping: patience must be a non-negative integer, got ${patience}`);
  }

  /** Records an epoch's value; true when it is the best so far (the caller keeps its weights). */
  observe(epoch: number, value: number): boolean {
    if (value > this.best) {
      this.best = value;
      this.bestAt = epoch;
      this.sinceBest = 0;
      return true;
    }
    this.sinceBest++;
    return false;
  }

  get bestEpoch(): number | undefined {
    return this.bestAt;
  }

  get bestValue(): number {
    return this.best;
  }

  get shouldStop(): boolean {
    return this.patience > 0 && this.sinceBest >= this.patience;
  }
}
