// One scanned breast: scanner, anatomy, lesion (or none, for BUSI "normal"), motion and the
// speckle field, all drawn from one Rng through named child streams, so that adding a draw to
// one part never shifts the numbers of another.
import type { Rng } from '@lddm/runtime';
import { buildAnatomy } from './anatomy';
import type { LesionClass } from './cues';
import { gridCovering, type GridGeometry } from './grid';
import { sampleLesion, type Lesion } from './lesion';
import { sampleMotion, type Motion } from './motion';
import { sampleScanner, type Scanner, type ScannerKind } from './scanner';
import { SpeckleSequence } from './speckle';

const ANATOMY_PITCH = 0.3;

export interface SceneOptions {
  kind: ScannerKind;
  /** Output frames are size x size pixels. */
  size: number;
  cls: LesionClass | 'normal';
  difficulty: number;
}

export interface Scene {
  size: number;
  scanner: Scanner;
  /** Millimetres per pixel, lateral and axial. */
  dx: number;
  dz: number;
  /** Grid of the speckle fields (pixel pitch). */
  grid: GridGeometry;
  /** Grid of the anatomy (echo, shadows): the same object as `grid`, or a coarser one. */
  tissueGrid: GridGeometry;
  echo: Float32Array;
  shadowDb: Float32Array;
  shadowFrom: Float32Array;
  lesion: Lesion | null;
  motion: Motion;
  speckle: SpeckleSequence;
}

export function buildScene(rng: Rng, opts: SceneOptions): Scene {
  const scanner = sampleScanner(rng.child('scanner'), opts.kind, opts.size);
  const { width, depth } = scanner;
  const dx = width / opts.size;
  const dz = depth / opts.size;
  // Video margins cover the largest slide (3.1 mm), tilt (0.05 rad over the depth), breathing
  // and compression (strain < 0.14 reveals up to 16% more depth); a still image needs only
  // its tilt (stillPose), and its grid is the largest cost of an image.
  const still = opts.kind === 'image';
  const margin = (still ? 0.5 : 3.5) + (still ? 0.035 : 0.06) * depth;
  const bottom = still ? depth + 1.5 : depth * 1.2 + 3;
  const grid = gridCovering(-width / 2 - margin, width / 2 + margin, -1.5, bottom, (dx + dz) / 2);
  // Anatomy needs no finer than ~0.3 mm (its thinnest lines are ~0.4 mm); at the image
  // scanner's 0.16 mm pixels a grid of its own at 0.3 mm costs a quarter as much.
  const tissueGrid =
    grid.pitch >= ANATOMY_PITCH ? grid : gridCovering(grid.u0, width / 2 + margin, grid.v0, bottom, ANATOMY_PITCH);
  const anatomy = buildAnatomy(rng.child('anatomy'), tissueGrid, depth);
  const lesion =
    opts.cls === 'normal'
      ? null
      : sampleLesion(rng.child('lesion'), opts.cls, opts.difficulty, {
          uRange: 0.17 * width,
          glandTop: anatomy.glandTop,
          glandBottom: anatomy.glandBottom,
          depth,
        });
  return {
    size: opts.size,
    scanner,
    dx,
    dz,
    grid,
    tissueGrid,
    echo: anatomy.echo,
    shadowDb: anatomy.shadowDb,
    shadowFrom: anatomy.shadowFrom,
    lesion,
    motion: sampleMotion(rng.child('motion')),
    speckle: new SpeckleSequence(rng.child('speckle'), grid, scanner.psfLateral, scanner.psfAxial),
  };
}
