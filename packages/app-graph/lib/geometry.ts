/** Screen rectangles in pixels, half-open like Android's Rect: [x1, x2) × [y1, y2). */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export type BoundsTuple = [number, number, number, number];

const BOUNDS_RE = /^\s*\[(-?\d+),(-?\d+)\]\s*\[(-?\d+),(-?\d+)\]\s*$/;

/** Parses an Android `bounds` attribute (`[x1,y1][x2,y2]`); undefined when malformed. */
export function parseBounds(s: string | undefined | null): Rect | undefined {
  if (!s) return undefined;
  const m = BOUNDS_RE.exec(s);
  if (!m) return undefined;
  const [x1, y1, x2, y2] = m.slice(1, 5).map(Number);
  return { x1, y1, x2, y2 };
}

export function formatBounds(r: Rect): string {
  return `[${r.x1},${r.y1}][${r.x2},${r.y2}]`;
}

export function toTuple(r: Rect): BoundsTuple {
  return [r.x1, r.y1, r.x2, r.y2];
}

export function fromTuple(t: BoundsTuple): Rect {
  return { x1: t[0], y1: t[1], x2: t[2], y2: t[3] };
}

export function width(r: Rect): number {
  return Math.max(0, r.x2 - r.x1);
}

export function height(r: Rect): number {
  return Math.max(0, r.y2 - r.y1);
}

export function area(r: Rect): number {
  return width(r) * height(r);
}

export function center(r: Rect): { x: number; y: number } {
  return { x: Math.floor((r.x1 + r.x2) / 2), y: Math.floor((r.y1 + r.y2) / 2) };
}

export function containsPoint(r: Rect, x: number, y: number): boolean {
  return x >= r.x1 && x < r.x2 && y >= r.y1 && y < r.y2;
}

export function intersection(a: Rect, b: Rect): Rect | undefined {
  const r = { x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1), x2: Math.min(a.x2, b.x2), y2: Math.min(a.y2, b.y2) };
  return r.x2 > r.x1 && r.y2 > r.y1 ? r : undefined;
}

/** Intersection over the smaller rectangle's area: 1 when one holds the other. */
export function overlapRatio(a: Rect, b: Rect): number {
  const i = intersection(a, b);
  if (!i) return 0;
  const smaller = Math.min(area(a), area(b));
  return smaller === 0 ? 0 : area(i) / smaller;
}

/** Smallest axis-aligned rectangle around a quadrilateral (OCR boxes). */
export function rectFromPoints(points: ReadonlyArray<readonly [number, number]>): Rect {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    x1: Math.floor(Math.min(...xs)),
    y1: Math.floor(Math.min(...ys)),
    x2: Math.ceil(Math.max(...xs)),
    y2: Math.ceil(Math.max(...ys)),
  };
}
