import * as z from 'zod';
import { Identifier, LocalizedText } from './common';

/** Types an activity attribute may have (no dates: the event's own timestamp is its time). */
export const ActivityAttributeType = z.enum(['category', 'number', 'string', 'boolean']);

/** One typed column of an activity file besides the account link and the timestamp. */
export const ActivityAttribute = z.object({
  id: Identifier,
  label: LocalizedText,
  type: ActivityAttributeType,
  /** Allowed values of a `category` attribute. */
  values: z.array(z.string()).optional(),
  /** Header of the column in the file; absent = the id or either label. */
  column: z.string().min(1).optional(),
  description: z.string().optional(),
});

/**
 * How an event row names its account: `key` = the account key's value; `name` = a company name
 * joined to the account table's `nameField` by the 名寄せ normalisation (uncertain matches are
 * listed for review, never joined silently).
 */
export const ActivityAccountLink = z.object({
  column: z.string().min(1),
  match: z.enum(['key', 'name']),
});

/** An activity source: one log of events (logins, seminars, contacts, NPS answers…). */
export const ActivitySource = z.object({
  id: Identifier,
  label: LocalizedText,
  account: ActivityAccountLink,
  /** Header of the timestamp column: a date or a date-time (ISO or the usual Japanese forms). */
  time: z.object({ column: z.string().min(1) }),
  attributes: z.array(ActivityAttribute),
  description: z.string().optional(),
});

/** IANA time zone that turns date-times into days (window boundaries). */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';
export const TimeZone = z
  .string()
  .min(1)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Tokyo or UTC');

export type ActivityAttributeType = z.infer<typeof ActivityAttributeType>;
export type ActivityAttribute = z.infer<typeof ActivityAttribute>;
export type ActivityAccountLink = z.infer<typeof ActivityAccountLink>;
export type ActivitySource = z.infer<typeof ActivitySource>;
