// The human rendering of a DatasetSummary (`trainer data inspect`), one fact per line.
import type { DatasetSummary } from './inspect';

const perClass = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');

export function formatDatasetSummary(s: DatasetSummary): string {
  const unit = s.kind === 'busv' || s.kind === 'videos' ? 'videos' : 'images';
  const lines = [
    `dataset      ${s.kind} at ${s.root}`,
    `classes      ${s.classes.map((c, i) => `${i}=${c}`).join(' ')}`,
    `${unit.padEnd(13)}${perClass(s.counts)} (total ${s.total})`,
  ];
  if (s.frames) lines.push(`frames       ${s.frames.total} (${s.frames.min}-${s.frames.max} per video)`);
  if (Object.keys(s.excluded).length) lines.push(`excluded     ${perClass(s.excluded)}`);
  if (s.kind === 'busv') {
    lines.push(
      `errata       ${s.errata.length === 0 ? 'none of the known errata applies to this copy' : s.errata.map((e) => `${e.action} ${e.from}/${e.id}${e.to ? ` -> ${e.to}` : ''} (${e.reason})`).join('; ')}`,
    );
    lines.push(`annotations  ${s.annotations.length === 0 ? 'none' : s.annotations.map((a) => `${a.file} (${a.videos} videos, ${a.images} frames, ${a.annotations} boxes)`).join('; ')}`);
  }
  lines.push(`fingerprint  ${s.fingerprint}`);
  if (s.split) {
    const { split } = s;
    lines.push(`split ${split.ratio.padEnd(7)}seed ${split.seed}: train ${split.train.length} (${perClass(split.counts.train)}), test ${split.test.length} (${perClass(split.counts.test)})`);
  }
  for (const note of s.notes) lines.push(`note         ${note}`);
  return lines.join('\n');
}
