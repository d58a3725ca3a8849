// The BUSV annotation files (COCO / ImageNet-VID style: categories, videos, images, annotations)
// are optional: classification needs only the folders. When present they must describe the
// frames on disk, because a JSON from another copy or release silently pairs boxes and labels
// with the wrong frames. Any mismatch is one DataError naming the JSON file.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { AnnotationSummary } from './dataset';
import { DataError, errorLine } from './errors';

const VidJsonSchema = z.object({
  categories: z.array(z.object({ id: z.number(), name: z.string() })),
  videos: z.array(z.object({ id: z.number(), name: z.string() })),
  images: z.array(z.object({ id: z.number(), file_name: z.string(), video_id: z.number() })),
  /** Optional in the file format: a JSON without boxes lists none. */
  annotations: z.array(z.object({ video_id: z.number(), image_id: z.number(), category_id: z.number() })).optional(),
});

/** What the JSON is checked against: "<class>/<id>" folders and the frame files in each. */
export interface BusvOnDisk {
  frames: ReadonlyMap<string, ReadonlySet<string>>;
  /** Classes a video may carry in the JSON besides its folder's (the errata's corrections). */
  alsoAllowed: ReadonlyMap<string, string>;
}

const HINT = 'use the annotation file that came with this copy of BUSV, or move it out of the folder (annotations are optional)';

export async function checkBusvAnnotations(file: string, disk: BusvOnDisk): Promise<AnnotationSummary> {
  const fail = (problem: string): never => {
    throw new DataError(file, problem, HINT);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail(`is not valid JSON (${errorLine(error)})`);
  }
  const parsed = VidJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`is not a COCO/ImageNet-VID annotation file (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  const json = parsed.data;
  const categories = new Map(json.categories.map((c) => [c.id, c.name]));
  const videoNames = new Map<number, string>();
  for (const v of json.videos) {
    if (!disk.frames.has(v.name)) fail(`lists video "${v.name}", which rawframes/ does not hold`);
    videoNames.set(v.id, v.name);
  }
  const imageVideo = new Map<number, string>();
  for (const img of json.images) {
    const name = videoNames.get(img.video_id);
    if (name === undefined) fail(`image ${img.id} ("${img.file_name}") refers to video_id ${img.video_id}, which is not in "videos"`);
    const prefix = `${name}/`;
    const frame = img.file_name.startsWith(prefix) ? img.file_name.slice(prefix.length) : undefined;
    if (frame === undefined || !disk.frames.get(name!)!.has(frame)) {
      fail(`image "${img.file_name}" is not a frame of rawframes/${name}`);
    }
    imageVideo.set(img.id, name!);
  }
  const annotations = json.annotations ?? [];
  for (const ann of annotations) {
    const name = videoNames.get(ann.video_id);
    if (name === undefined) fail(`an annotation refers to video_id ${ann.video_id}, which is not in "videos"`);
    if (imageVideo.get(ann.image_id) !== name) fail(`an annotation of video "${name}" refers to image ${ann.image_id}, which is not one of its frames`);
    const category = categories.get(ann.category_id);
    const folder = name!.split('/')[0];
    if (category !== folder && category !== disk.alsoAllowed.get(name!)) {
      fail(`labels video "${name}" as ${category ?? `category ${ann.category_id}`}, but it is in the ${folder} folder`);
    }
  }
  return { file: basename(file), videos: json.videos.length, images: json.images.length, annotations: annotations.length };
}
