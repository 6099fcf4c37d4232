/**
 * Series colours: the Okabe–Ito palette, distinguishable with the common
 * colour-vision deficiencies and in greyscale print (yellow left last).
 */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#B8A400'];

/** The colour of the `index`-th series (targets keep their colour across charts). */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
