// The training set of a cell's regime: the split's real training clips, a generator's synthetic
// videos, or both concatenated (benign 0 / malignant 1 in both), and the split's test clips.
import { resolve } from 'node:path';
import type { LabelledClips } from '@lddm/classifiers';
import { BUSV_CLASSES, clipPreprocess, loadBusv, loadClips, type ClipSet } from '@lddm/data';
import type { PipelineContext } from '../context';
import { splitClips, type PipelineData } from '../datasets';
import { regimeParts, type ClassifierCell, type SyntheticSource } from './cell';

export interface CellData {
  train: LabelledClips;
  test: LabelledClips;
  realTrainClips: number;
  syntheticTrainClips: number;
}

function checkClasses(set: ClipSet, what: string): void {
  if (set.classes.length < 2 || set.classes[0] !== BUSV_CLASSES[0] || set.classes[1] !== BUSV_CLASSES[1])
    throw new Error(`${what}: expected classes [${BUSV_CLASSES.join(', ')}] (benign 0, malignant 1), got [${set.classes.join(', ')}]`);
}

const labelled = (set: ClipSet, prefix = ''): LabelledClips => ({ data: set.data, shape: set.shape, labels: set.labels, videoIds: set.videoIds.map((id) => prefix + id) });

/** Synthetic videos as clips: each video is already framesPerClip sampled frames, so one clip per video. */
export async function loadSyntheticClips(ctx: Pick<PipelineContext, 'profile' | 'root'>, source: SyntheticSource): Promise<ClipSet> {
  const { data } = ctx.profile;
  const frames = data.framesPerClip;
  const videos = await loadBusv(source.busvDir);
  const preprocess = { ...clipPreprocess(data), clipLength: frames, clipStride: frames, framesPerClip: frames };
  const clips = (await loadClips(videos, preprocess, { cacheDir: resolve(ctx.root, data.cacheDir) })).value;
  checkClasses(clips, `synthesis ${source.generator} ${source.ratio} (${source.busvDir})`);
  if (clips.count === 0) throw new Error(`synthesis ${source.generator} ${source.ratio}: no clips in ${source.busvDir}`);
  return clips;
}

/** Rows of a after rows of b: both [N, T, H, W, C] with equal T, H, W, C. */
export function concatClips(a: LabelledClips, b: LabelledClips): LabelledClips {
  const [, ...restA] = a.shape;
  const [, ...restB] = b.shape;
  if (restA.join() !== restB.join()) throw new Error(`concatClips: clip shapes [${restA.join(', ')}] and [${restB.join(', ')}] differ`);
  const data = new Float32Array(a.data.length + b.data.length);
  data.set(a.data, 0);
  data.set(b.data, a.data.length);
  const labels = new Int32Array(a.labels.length + b.labels.length);
  labels.set(a.labels, 0);
  labels.set(b.labels, a.labels.length);
  return { data, shape: [a.shape[0] + b.shape[0], restA[0], restA[1], restA[2], restA[3]], labels, videoIds: [...(a.videoIds ?? []), ...(b.videoIds ?? [])] };
}

export async function cellData(ctx: Pick<PipelineContext, 'profile' | 'root'>, data: PipelineData, cell: ClassifierCell, synthetic?: SyntheticSource): Promise<CellData> {
  const { real, generator } = regimeParts(cell.regime);
  const realTrain = splitClips(data, cell.ratio, 'train');
  checkClasses(realTrain, `the ${cell.ratio} split`);
  const test = labelled(splitClips(data, cell.ratio, 'test'));
  if (generator === null) return { train: labelled(realTrain), test, realTrainClips: realTrain.count, syntheticTrainClips: 0 };
  if (synthetic === undefined) throw new Error(`classifier ${cell.regime}: no synthesis given`);
  // Prefixed ids: a synthetic video never shares an id (and so a validation fold) with a real one.
  const fake = labelled(await loadSyntheticClips(ctx, synthetic), `${generator}:`);
  return {
    train: real ? concatClips(labelled(realTrain), fake) : fake,
    test,
    realTrainClips: real ? realTrain.count : 0,
    syntheticTrainClips: fake.shape[0],
  };
}
