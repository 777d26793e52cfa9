// Results a CS lead can work from: filters, drill-down, exports, the account's own data and levers.
export default {
  filter: {
    color: 'Colour',
    segment: 'Segment',
    stage: 'Stage',
    owner: 'Owner',
    renewal: 'Renewal',
    any: 'All',
    noStage: 'No stage',
    renewalWithin: 'within {{count}} days',
    noRenewalField: 'No renewal date field',
    clear: 'Clear filters',
    active: 'Filtered',
  },
  column: { renewal: 'Renewal', colour: 'Colour' },
  sortBy: 'Sort by {{column}}',
  export: {
    csv: 'Export CSV',
    xlsx: 'Export Excel',
    file: 'scores',
    sheet: 'Scores',
    segmentLabel: 'segment_label',
    stageLabel: 'stage_label',
    colorLabel: 'color_label',
    hint: 'The rows shown, with the columns of waymark score, then segment, stage and colour labels.',
    done: 'Exported {{formatted}} accounts to {{file}}.',
  },
  drill: 'Click a bar or a row to list its accounts.',
  funnelLegend: { ready: 'Ready to advance', stuck: 'Stuck', rest: 'Others in the stage' },
  attributes: {
    title: 'Account data',
    hint: 'The values of this account in the dataset the run scored.',
  },
  norm: {
    base: 'Base model',
    override: '{{segment}} override',
    linear: '{{min}}–{{max}}',
    linearInverted: '{{min}}–{{max}} (lower is better)',
    tiers: 'tiers {{tiers}}; below: {{below}} pts',
    category: '{{values}}',
    uncounted: 'others count as missing',
    otherwise: 'others: {{points}} pts',
    column: 'Normalisation',
  },
  levers: {
    title: 'What would move it to {{color}}',
    gap: '+{{gap}} points to reach {{color}} (at {{min}}).',
    gapStrict: 'More than +{{gap}} points to reach {{color}} (above {{min}}).',
    best: 'Already in the best colour.',
    none: 'No measure can add points on its own.',
    lead: 'The largest levers, each on its own:',
    item: '{{measure}}: {{from}} → {{target}} adds {{gain}} points',
    closes: 'enough on its own',
    notEnough: 'not enough alone',
    itemMissingZero: '{{measure}}: no value (scored 0) → recording {{target}} adds {{gain}} points',
    itemMissing:
      '{{measure}}: no value (left out, the other weights rescaled) → recording {{target}} adds {{gain}} points (a value scoring under {{breakEven}} points would lower the total)',
    noScore: 'Not scored: no colour to move from.',
  },
  value: { yes: 'Yes', no: 'No' },
  backtest: { outcome: 'Outcome field' },
  demoRun:
    'A sample run, made when the demo opened and not stored: Run scores and stores your own.',
  segmentCount:
    'Gets {{n}} of {{total}} accounts (first matching rule wins: the rules above take theirs first).',
  segmentSample: '(estimated from {{sample}} accounts)',
  segmentId: {
    hint: "Segment id used in CTAs and rules (segment == '…'); renaming it renames every reference.",
    aria: 'Id of segment {{id}}',
    undo: 'Rename segment id',
    renamed_one: 'Segment id {{from}} renamed to {{to}}; {{count}} rule rewritten.',
    renamed_other: 'Segment id {{from}} renamed to {{to}}; {{count}} rules rewritten.',
    problem: {
      invalid_id:
        '“{{id}}” cannot be a segment id: start with a letter or _, then letters, digits or _.',
      duplicate: 'Another segment already has the id “{{id}}”.',
      unknown: 'This segment no longer exists.',
    },
  },
  exprEmptyValue:
    'Write the value to score: a number such as active_users / licenses, or a category field such as relationship (Ctrl+Space lists fields and functions).',
  rowQuery: {
    searching: 'Searching {{formatted}} accounts…',
    sorting: 'Sorting {{formatted}} accounts…',
    rankingNames:
      'Sorting {{formatted}} accounts by company: the company names are being put in order first (once per run)…',
    rankingIds:
      'Sorting {{formatted}} accounts by account ID: the IDs are being put in order first (once per run)…',
    stale: 'Until the new list arrives, the rows below are the previous list.',
    failed: 'The account list could not be computed: {{message}}',
  },
  demoPreparing: 'Scoring the demo accounts for a first run (stored like any run, in the history)…',
} as const;
