import * as z from 'zod';
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
  /**
   * The side of the target box the link arrives at (a link dropped on a box attaches to the side
   * nearest the drop). Absent = left, the input side: documents from before it open unchanged.
   */
  targetSide: z.enum(['left', 'top', 'right', 'bottom']).optional(),
});

/**
 * The consultant's decision on one finding (accepted: a real issue to raise with the customer;
 * dismissed: not a problem here, with the reason). Keyed by the finding's key
 * (`<ruleId>@<nodeId>`), so it follows the box, not the wording of the message.
 */
export const FindingReview = z.object({
  key: z.string().min(1).max(400),
  status: z.enum(['accepted', 'dismissed']),
  note: z.string().max(4000),
  /** When it was decided (ISO 8601). */
  at: z.string(),
});

export const Diagram = z.object({
  id: ElementId,
  name: z.string(),
  nodes: z.array(PrepNode),
  edges: z.array(PrepEdge),
  /** Optional so that documents saved before reviews existed still open unchanged. */
  reviews: z.array(FindingReview).optional(),
});

export type PrepNodeKind = z.infer<typeof PrepNodeKind>;
export type PrepEdgeKind = z.infer<typeof PrepEdgeKind>;
export type Point = z.infer<typeof Point>;
export type PrepNode = z.infer<typeof PrepNode>;
export type PrepEdge = z.infer<typeof PrepEdge>;
export type FindingReview = z.infer<typeof FindingReview>;
export type Diagram = z.infer<typeof Diagram>;
