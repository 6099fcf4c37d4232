/**
 * Grid layout: panels flow left to right on Grafana's 24-column grid and wrap
 * when a line is full; a row header starts a new line at full width. Ids are
 * assigned in order, so they are unique and stable from one export to the next.
 */
import type { GridPos } from './grafana-types.ts';
import type { LayoutItem } from './panels.ts';

export const GRID_COLUMNS = 24;

export interface Placed<T> {
  item: T;
  id: number;
  gridPos: GridPos;
}

export function layout<T extends LayoutItem>(items: readonly T[]): Placed<T>[] {
  const placed: Placed<T>[] = [];
  let x = 0;
  let y = 0;
  let lineHeight = 0;
  const newLine = () => {
    y += lineHeight;
    x = 0;
    lineHeight = 0;
  };
  items.forEach((item, i) => {
    if (item.kind === 'row') {
      newLine();
      placed.push({ item, id: i + 1, gridPos: { x: 0, y, w: GRID_COLUMNS, h: 1 } });
      lineHeight = 1;
      newLine();
      return;
    }
    const w = Math.min(item.width, GRID_COLUMNS);
    if (x + w > GRID_COLUMNS) newLine();
    placed.push({ item, id: i + 1, gridPos: { x, y, w, h: item.height } });
    x += w;
    lineHeight = Math.max(lineHeight, item.height);
  });
  return placed;
}
