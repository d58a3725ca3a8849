// Video folder names. The BUSV release names each video folder by a 16-hex-digit hash (some
// real ones carry an extra leading 'x'); the phantom's are 16 lowercase hex digits derived
// from the seed and the video's index, so the same seed always names the same videos.
import { createHash } from 'node:crypto';

export function videoId(seed: number, index: number): string {
  return createHash('sha256').update(JSON.stringify(['lddm-phantom-video', seed, index])).digest('hex').slice(0, 16);
}
