// en strings for the 'cta' namespace. Keys mirror the other language's file.
export default {
  title: 'Calls to action',
  intro:
    'A CTA fires for an account when its trigger is true: expansion (sales), risk (churn signals), lifecycle (recurring events such as six months before renewal). Say what to do, by whom and by when — the conversation becomes “your usage is X, so try Y”.',
  empty: 'No CTAs yet. Add one with the buttons above.',
  type: { expansion: 'Expansion', risk: 'Risk', lifecycle: 'Lifecycle', other: 'Other' },
  typeAria: 'Type of {{cta}}',
  newLabel: 'New {{type}} CTA',
  labelPlaceholder: 'What should happen',
  labelAria: 'Name of CTA {{n}}',
  idHint: 'CTA id (in results and exports)',
  up: 'Move {{cta}} up',
  down: 'Move {{cta}} down',
  delete: 'Delete CTA {{cta}}',
  trigger: 'Trigger (fires when true)',
  triggerAria: 'Trigger of {{cta}}',
  priority: 'Priority',
  priorityAria: 'Priority of {{cta}}',
  priorityValue: { high: 'High', medium: 'Medium', low: 'Low' },
  owner: 'Owner role',
  ownerAria: 'Owner role of {{cta}}',
  ownerRouted: '(owner routing)',
  ownerField: 'Owner from field',
  ownerFieldAria: 'Field naming the owner of {{cta}}',
  ownerFieldNone: '(none: the role owns it)',
  ownerFieldHint:
    'A person taken from each account’s field (e.g. its CSM column). Where the field is blank, the owner role (or the routing) owns the CTA.',
  due: 'Due in',
  dueAria: 'Days until {{cta}} is due',
  days: 'days',
  dedupe: 'Dedupe key',
  dedupeAria: 'Dedupe key of {{cta}}',
  dedupeHint:
    'CTAs of one account with the same key collapse into the highest-priority one. Empty = the CTA id.',
  stages: 'Stages',
  segments: 'Segments',
  all: '(none ticked = all)',
  noStages: 'No stages in the journey yet.',
  unknownStage: 'Refers to stage “{{id}}”, which no longer exists: untick it or add the stage.',
  unknownSegment:
    'Refers to segment “{{id}}”, which no longer exists: untick it or add the segment.',
  steps: 'Steps',
  stepAria: 'Step {{n}} of {{cta}}',
  removeStep: 'Remove step {{n}}',
  addStep: 'Add step',
  /**
   * Owner roles offered while typing an owner (a suggestion list: what is typed is stored as
   * typed, in the language it was typed in, and never translated afterwards).
   */
  roleSuggestions: {
    cs: 'CS',
    csOps: 'CS Ops',
    highTouch: 'CS high-touch',
    sales: 'Sales',
    insideSales: 'Inside sales',
  },
  routing: {
    title: 'Owner routing',
    intro:
      'CTAs without an owner role go to the account’s owner: the first rule whose condition is true, else the default (e.g. high scores to sales, low scores to CS).',
    when: 'When',
    then: 'owner is',
    whenAria: 'Condition of routing rule {{n}}',
    ownerAria: 'Owner of routing rule {{n}}',
    up: 'Move routing rule {{n}} up',
    remove: 'Remove routing rule {{n}}',
    add: 'Add routing rule',
    default: 'Default owner',
  },
  undo: {
    add: 'Add CTA',
    edit: 'Edit CTA',
    move: 'Reorder CTAs',
    delete: 'Delete CTA',
    routing: 'Edit owner routing',
  },
} as const;
