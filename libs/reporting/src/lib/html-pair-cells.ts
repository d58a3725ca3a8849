// The three cells of every comparison: ours, the paper's, and the delta; the better of the pair
// carries class "win" (bold, green) so it reads like the paper's bold entries.
import { signed } from './format';
import { esc } from './html-escape';

export function pairCells(ours: string, paper: string, delta: number | null, oursBetter: boolean | null, title: string): string {
  const oursClass = `ours${oursBetter === true ? ' win' : ''}`;
  const paperClass = `paper${oursBetter === false ? ' win' : ''}`;
  const deltaClass = oursBetter === true ? 'up' : oursBetter === false ? 'down' : '';
  const d = delta === null ? '' : `<span class="${deltaClass}">${esc(signed(delta))}</span>`;
  return `<td class="${oursClass}" title="${esc(title)}">${esc(ours || '–')}</td><td class="${paperClass}">${esc(paper || '–')}</td><td class="d">${d}</td>`;
}
