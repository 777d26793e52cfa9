import { z } from 'zod';
import { ElementId } from './common';

/** deliverable = solid box (tangible); knowhow = dotted box (intangible). */
export const PrepNodeKind = z.enum(['deliverable', 'knowhow']);
/** io = solid input/output arrow; sync = dashed synchronisation/coordination link. */
export const PrepEdgeKind = z.enum(['io', 'sync']);

export const Point = z.object({ x: z.number(), y: z.number() });

export const PrepNode = z.object({
  id: ElementId,
  kind: PrepNodeKind,
  label: z.string(),
  /** People or roles who produce or hold it. */
  holders: z.array(z.string()),
  /** e.g. customer / vendor / partner. */
  organisation: z.string(),
  description: z.string(),
  leadTimeDays: z.number().min(0).optional(),
  link: z.string().optional(),
  position: Point,
  /** Measured size, when known (used by layout and export). */
  size: z.object({ width: z.number(), height: z.number() }).optional(),
});

export const PrepEdge = z.object({
  id: ElementId,
  kind: PrepEdgeKind,
  source: ElementId,
  target: ElementId,
  label: z.string().optional(),
  /** Bend points from the last auto-layout; derived data, dropped when an end moves. */
  route: z.array(Point).optional(),
});

export const Diagram = z.object({
  id: ElementId,
  name: z.string(),
  nodes: z.array(PrepNode),
  edges: z.array(PrepEdge),
});

export type PrepNodeKind = z.infer<typeof PrepNodeKind>;
export type PrepEdgeKind = z.infer<typeof PrepEdgeKind>;
export type Point = z.infer<typeof Point>;
export type PrepNode = z.infer<typeof PrepNode>;
export type PrepEdge = z.infer<typeof PrepEdge>;
export type Diagram = z.infer<typeof Diagram>;
