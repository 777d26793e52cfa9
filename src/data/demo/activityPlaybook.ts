/**
 * The demo playbook with the demo activity logs wired in: a login-trend and a contact-recency
 * measure in the engagement dimension, and the risk CTA "logins fell by half against the
 * previous 30 days". Built from the demo template so the two never drift apart.
 */
import type { Cta, Measure, Playbook, Project } from '../../model';
import { DEMO_ACTIVITY_SOURCES } from './activity';
import { localiseTemplate } from '../../model/templateText';
import { DEMO_REFERENCE_DATE } from './generate';

/** The activity-based measures of the demo health model (engagement dimension). */
export const DEMO_ACTIVITY_MEASURES: Measure[] = [
  {
    id: 'login_trend',
    label: 'ログインの増減（前の30日比） / Login trend vs the previous 30 days',
    dimension: 'engagement',
    expr: 'change(count(logins, 30d))',
    normalise: { kind: 'linear', min: -0.6, max: 0 },
    invert: false,
    weight: 10,
    description:
      '直近30日のログイン数の、その前の30日に対する増減率 / Relative change of logins in the last 30 days against the 30 days before.',
  },
  {
    id: 'contact_recency',
    label: '最終接点からの日数 / Days since the last contact',
    dimension: 'engagement',
    expr: 'days_since(contact_log)',
    normalise: { kind: 'linear', min: 120, max: 14 },
    invert: false,
    weight: 5,
  },
];

/** The risk CTA "logins fell by half against the previous 30 days". */
export const DEMO_ACTIVITY_CTAS: Cta[] = [
  {
    id: 'logins_halved',
    label: 'ログインが前の30日の半分以下 / Logins fell by half against the previous 30 days',
    type: 'risk',
    trigger: 'change(count(logins, 30d)) <= -0.5 and count(logins, 30d, before: 30d) >= 10',
    priority: 'high',
    ownerRole: '',
    dueInDays: 7,
    segments: [],
    stages: [],
    steps: [
      '誰がログインしなくなったか確認 / See who stopped logging in',
      'チャンピオンに連絡 / Call the champion',
    ],
  },
];

export function demoActivityPlaybook(pb: Playbook): Playbook {
  return {
    ...pb,
    name: `${pb.name} + activity`,
    timeZone: 'Asia/Tokyo',
    activity: DEMO_ACTIVITY_SOURCES,
    health: { ...pb.health, measures: [...pb.health.measures, ...DEMO_ACTIVITY_MEASURES] },
    ctas: [...pb.ctas, ...DEMO_ACTIVITY_CTAS],
  };
}

/**
 * The demo project a new user gets on first start: the demo template with the activity sources,
 * measures and CTA, dated on the day the demo data describes (so the last 30 days hold logs).
 * With `lang`, the added texts are in that language, as the template's are when instantiated.
 */
export function demoActivityProject(p: Project, lang?: 'ja' | 'en'): Project {
  const measures = lang ? localiseTemplate(DEMO_ACTIVITY_MEASURES, lang) : DEMO_ACTIVITY_MEASURES;
  const ctas = lang ? localiseTemplate(DEMO_ACTIVITY_CTAS, lang) : DEMO_ACTIVITY_CTAS;
  return {
    ...p,
    asOf: p.asOf ?? DEMO_REFERENCE_DATE,
    timeZone: 'Asia/Tokyo',
    activity: DEMO_ACTIVITY_SOURCES,
    health: { ...p.health, measures: [...p.health.measures, ...measures] },
    ctas: [...p.ctas, ...ctas],
  };
}
