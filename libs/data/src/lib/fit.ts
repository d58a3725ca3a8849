// How a frame of another shape becomes size x size. BUSV frames are wider than tall; how they
// are squared changes lesion shape (taller-than-wide is a malignancy cue), so it is a recorded
// preprocessing choice rather than an accident of the decoder.
//   fill:    stretch to the square (the whole field of view, aspect changed)
//   cover:   scale the short side to size and crop the centre (mmaction2-style)
//   contain: scale the long side to size and pad with black
export const FITS = ['fill', 'cover', 'contain'] as const;
export type Fit = (typeof FITS)[number];
