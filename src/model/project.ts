import * as z from 'zod';
import { ElementId, IsoDate } from './common';
import { FieldContract } from './fields';
import { Segments } from './segments';
import { HealthModel } from './health';
import { Journey } from './journey';
import { Cta, Routing } from './cta';
import { Diagram } from './diagram';
import { ActivitySource, TimeZone } from './activity';
import { CtaMark } from './ctaMarks';

/** Current version of the project document. Bump it and add a step in migrations/ on every change. */
export const PROJECT_SCHEMA_VERSION = 1;

export const ProjectMeta = z.object({
  name: z.string().min(1),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Template the project was created from, if any. */
  template: z.string().optional(),
});

/** A Waymark project: everything one CS team designs, stored as one document. */
export const Project = z.object({
  schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
  id: ElementId,
  meta: ProjectMeta,
  /** PReP deliverable diagrams (e.g. as-is and to-be). */
  diagrams: z.array(Diagram),
  journey: Journey,
  fields: FieldContract,
  segments: Segments,
  health: HealthModel,
  ctas: z.array(Cta),
  routing: Routing,
  /** Date the playbook scores as of; absent = the day it runs. */
  asOf: IsoDate.optional(),
  /** Activity sources (logins, seminars, contacts…) the playbook aggregates; optional. */
  activity: z.array(ActivitySource).optional(),
  /** IANA zone for activity date-times; absent = Asia/Tokyo. */
  timeZone: TimeZone.optional(),
  /** Done / snoozed / dismissed marks on CTA tasks, kept across runs (optional). */
  ctaMarks: z.array(CtaMark).optional(),
  /** The backtest's outcome settings: which field, which of its values mean churn / expansion. */
  backtestOutcome: z
    .object({
      field: z.string(),
      churn: z.array(z.string()),
      expansion: z.array(z.string()),
    })
    .optional(),
});

export type ProjectMeta = z.infer<typeof ProjectMeta>;
export type Project = z.infer<typeof Project>;
