// Frame order comes from the number in each frame's file name (000000.png, 000001.png, ... in
// the BUSV release), compared as integers so that unpadded names (1.png ... 10.png) sort right
// too. The last run of digits in the name counts ("frame_0012.jpg" -> 12). Numbering may start
// at 0 or 1 and may have gaps: frames are taken in order, gaps are not filled.
import { join } from 'node:path';
import { DataError } from './errors';
import { extensionOf, IMAGE_EXTENSIONS, stemOf } from './listing';

/** The frame number in a file name, or undefined when the name holds no digits. */
export function frameNumber(name: string): number | undefined {
  const m = /(\d+)(?!.*\d)/.exec(stemOf(name));
  return m ? Number(m[1]) : undefined;
}

/**
 * The image files among `names` (files of the folder `dir`) in frame order. Throws a DataError
 * for a frame without a number or two frames with the same number.
 */
export function orderFrames(dir: string, names: readonly string[]): string[] {
  const frames = names.filter((n) => IMAGE_EXTENSIONS.has(extensionOf(n)));
  const numbered = frames.map((name) => {
    const n = frameNumber(name);
    if (n === undefined) {
      throw new DataError(join(dir, name), 'frame file name holds no frame number', 'name frames by their index (000000.png, 000001.png, ...)');
    }
    return { name, n };
  });
  numbered.sort((a, b) => a.n - b.n);
  for (let i = 1; i < numbered.length; i++) {
    if (numbered[i].n === numbered[i - 1].n) {
      throw new DataError(
        join(dir, numbered[i].name),
        `has the same frame number (${numbered[i].n}) as ${numbered[i - 1].name}`,
        'keep one file per frame number',
      );
    }
  }
  return numbered.map((f) => f.name);
}
