// The BUSV annotation files, in the ImageNet-VID flavour of COCO that mmtracking writes and the
// BUSV release ships (imagenet_vid_train_15frames.json, imagenet_vid_val.json beside
// rawframes/): `categories` (1 benign, 2 malignant), `videos` (name = "<class>/<id>", the
// folder under rawframes), `images` (one per frame, file_name relative to rawframes, 0-based
// frame_id) and `annotations` (one lesion box per frame, COCO [x, y, w, h] in pixels). In the
// train file 15 frames per video, evenly spaced, are flagged is_vid_train_frame, which is what
// "15frames" names. Ids are unique across both files, so the two can be merged as they are.
import type { VideoRecord } from './write-video';
import { frameName } from './write-video';

export const BUSV_TRAIN_JSON = 'imagenet_vid_train_15frames.json';
export const BUSV_VAL_JSON = 'imagenet_vid_val.json';
export const BUSV_CATEGORIES = [
  { id: 1, name: 'benign' },
  { id: 2, name: 'malignant' },
] as const;

export interface VidJson {
  categories: Array<{ id: number; name: string }>;
  videos: Array<{ id: number; name: string; vid_train_frames: number[] }>;
  images: Array<{
    id: number;
    file_name: string;
    height: number;
    width: number;
    frame_id: number;
    video_id: number;
    is_vid_train_frame: boolean;
  }>;
  annotations: Array<{
    id: number;
    video_id: number;
    image_id: number;
    category_id: number;
    instance_id: number;
    bbox: [number, number, number, number];
    area: number;
    iscrowd: 0;
    occluded: boolean;
    generated: boolean;
  }>;
}

/** `count` frame indices spread evenly over [0, frames). */
function evenlySpaced(frames: number, count: number): number[] {
  const k = Math.min(count, frames);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * frames) / k));
}

/** Both files from all video records (in any order), ids following the videos' indices. */
export function buildVidJson(records: readonly VideoRecord[]): { train: VidJson; val: VidJson } {
  const empty = (): VidJson => ({ categories: BUSV_CATEGORIES.map((c) => ({ ...c })), videos: [], images: [], annotations: [] });
  const out = { train: empty(), val: empty() };
  let imageId = 1;
  let annId = 1;
  for (const rec of [...records].sort((a, b) => a.plan.index - b.plan.index)) {
    const { plan, size } = rec;
    const json = out[plan.split];
    const videoId = plan.index + 1;
    const name = `${plan.cls}/${plan.id}`;
    const trainFrames = plan.split === 'train' ? evenlySpaced(plan.frames, 15) : [];
    json.videos.push({ id: videoId, name, vid_train_frames: trainFrames });
    const category = plan.cls === 'benign' ? 1 : 2;
    rec.boxes.forEach((bbox, f) => {
      json.images.push({
        id: imageId,
        file_name: `${name}/${frameName(f)}`,
        height: size,
        width: size,
        frame_id: f,
        video_id: videoId,
        is_vid_train_frame: trainFrames.includes(f),
      });
      if (bbox) {
        json.annotations.push({
          id: annId++,
          video_id: videoId,
          image_id: imageId,
          category_id: category,
          instance_id: 1,
          bbox,
          area: bbox[2] * bbox[3],
          iscrowd: 0,
          occluded: false,
          generated: false,
        });
      }
      imageId++;
    });
  }
  return out;
}
