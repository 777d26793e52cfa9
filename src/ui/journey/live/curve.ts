/**
 * Geometry of a curve drawn across the map's stage columns, one SVG per cell: the points of
 * every stage (x as a fraction of its column) are joined in order across columns, so a line
 * from the last point of one stage to the first of a later one crosses the columns between
 * them. Columns are equally wide (journey.css), so x is interpolated in "column units".
 */
export interface CurvePoint {
  /** 0–1 within the column. */
  x: number;
  y: number;
}
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Per column, the segments of the polyline through all columns' points (null = no point). */
export function curveSegments(points: (CurvePoint | null)[][]): Segment[][] {
  const out: Segment[][] = points.map(() => []);
  const flat: { col: number; x: number; y: number }[] = [];
  points.forEach((ps, col) => {
    for (const p of ps) if (p) flat.push({ col, x: p.x, y: p.y });
  });
  for (let k = 1; k < flat.length; k++) {
    const a = flat[k - 1];
    const b = flat[k];
    const ga = a.col + a.x;
    const gb = b.col + b.x;
    const yAt = (g: number) => (gb === ga ? a.y : a.y + ((b.y - a.y) * (g - ga)) / (gb - ga));
    for (let col = a.col; col <= b.col; col++) {
      const from = Math.max(ga, col);
      const to = Math.min(gb, col + 1);
      if (to < from) continue;
      out[col].push({ x1: from - col, y1: yAt(from), x2: to - col, y2: yAt(to) });
    }
  }
  return out;
}
