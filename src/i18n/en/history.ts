// en strings for the 'history' namespace: runs as fixed records, trends, CTA lifecycle, backtest over time.
export default {
  asOf: {
    remember: 'Set the as-of date',
    fromProject: 'the project’s as-of date',
    fromLastRun: 'the last run’s date',
    fromDataset: 'the date the dataset was imported',
    none: 'no date yet: pick one',
    hint: 'Default: {{source}}.',
  },
  run: {
    model: 'Model {{fingerprint}} · data “{{dataset}}”',
    legacy:
      'This run was stored by an earlier Waymark without its model, so its accounts cannot be explained. Run again to store a complete record.',
    otherDataset:
      'The last run scored another dataset (“{{dataset}}”). Run the playbook to score the current one.',
  },
  stale: {
    notice: 'The health model changed since this run: {{changes}}.',
    noticeNoRun: 'The health model changed since this run.',
    runAgain: 'Run again with the current model',
    kinds: {
      fields_one: '{{count}} field',
      fields_other: '{{count}} fields',
      segments_one: '{{count}} segment',
      segments_other: '{{count}} segments',
      dimensions_one: '{{count}} dimension',
      dimensions_other: '{{count}} dimensions',
      measures_one: '{{count}} measure',
      measures_other: '{{count}} measures',
      bands_one: '{{count}} band',
      bands_other: '{{count}} bands',
      overrides_one: '{{count}} segment override',
      overrides_other: '{{count}} segment overrides',
      stages_one: '{{count}} stage',
      stages_other: '{{count}} stages',
      criteria_one: '{{count}} exit criterion',
      criteria_other: '{{count}} exit criteria',
      ctas_one: '{{count}} CTA',
      ctas_other: '{{count}} CTAs',
      routing_one: '{{count}} routing rule',
      routing_other: '{{count}} routing rules',
      settings_one: '{{count}} scoring setting',
      settings_other: '{{count}} scoring settings',
    },
    separator: ', ',
  },
  backtest: {
    undoOutcome: 'Backtest outcome settings',
    noOutcome: 'The field contract has no text/category field to use as the outcome.',
    modeTitle: 'What to check',
    modePredictive: 'Predictive: a stored run from an earlier date against outcomes observed later',
    modeDescriptive: 'Descriptive: this run against outcomes in the same data',
    predictionsFrom: 'Predictions from the run',
    pickRun: '— pick a run —',
    runOption: 'as of {{asOf}} ({{formatted}} accounts)',
    observedAt: 'Outcomes observed as of',
    noEarlierRun:
      'No stored run is older than {{date}}. Run the playbook on an earlier date (or keep this run) and check again once outcomes are known.',
    loadFailed: 'The run could not be read: {{message}}',
    computing: 'Computing the backtest over {{formatted}} accounts in the background…',
    computingValues: 'Counting the values…',
    outcomeField: 'Outcome field',
    pickField: '— pick the field —',
    value: 'Value seen',
    accounts: 'Accounts',
    meansChurn: 'Means churn',
    meansExpansion: 'Means expansion',
    churnAria: '{{value}} means churn',
    expansionAria: '{{value}} means expansion',
    blank: '(empty)',
    blankLeftOut: 'left out: outcome unknown',
    pickValues:
      'Tick which values mean churn and which mean expansion; the others count as retained.',
    labelPredictive:
      'Predictive: scores as of {{asOf}} against outcomes observed as of {{observed}}.',
    labelDescriptive:
      'Descriptive only: the score and the outcome come from the same moment, so this describes the accounts; it does not show that the score predicts anything. Use a run from an earlier date for that.',
    join: '{{n}} accounts have a score and a known outcome. Without an outcome row: {{withoutOutcome}}; outcome rows for accounts the run did not score: {{withoutPrediction}}; outcome empty: {{missing}}.',
    duplicates_one:
      '{{count}} account appears more than once in the outcomes and is left out: {{keys}}.',
    duplicates_other:
      '{{count}} accounts appear more than once in the outcomes and are left out: {{keys}}.',
    unmatchedList: 'Unmatched accounts',
    noOutcomeFor: 'No outcome for:',
    notScored: 'Not scored in the run:',
    base: 'Base rate over {{n}} accounts: churn {{churn}} ({{churnCount}}), expansion {{expansion}} ({{expansionCount}}).',
    color: 'Colour',
    churnRate: 'Churn rate (95% interval)',
    expansionRate: 'Expansion rate (95% interval)',
    lift: 'Lift',
    aucChurn: 'AUC of the score against churn (95% interval)',
    aucExpansion: 'AUC of the score against expansion (95% interval)',
    kind: { churn: 'churned', expansion: 'expanded' },
    verdict: {
      insufficient: {
        no_events:
          'No account {{kind}}: there is nothing to check the score against, so no conclusion can be drawn.',
        few_events:
          'Only {{events}} accounts {{kind}} (at least {{min}} are needed): too few to draw a conclusion; the numbers above are shown with their wide intervals.',
        no_non_events:
          'Every account {{kind}}: there is nothing to compare with, so no conclusion can be drawn.',
        few_non_events:
          'Only {{nonEvents}} accounts did not (at least {{min}} are needed): too few to draw a conclusion.',
      },
      predicts: {
        churn:
          'The score anticipated churn better than chance: a retained account outscored a churned one with probability {{auc}}, and the whole 95% interval is above 0.5.',
        expansion:
          'The score anticipated expansion better than chance: an expanding account outscored the others with probability {{auc}}, and the whole 95% interval is above 0.5.',
      },
      no_better_than_chance: {
        churn:
          'Not distinguishable from chance: the AUC is {{auc}} but its 95% interval includes 0.5. Revisit the measures and weights before relying on the colours.',
        expansion:
          'Not distinguishable from chance for expansion: the AUC is {{auc}} but its 95% interval includes 0.5.',
      },
      inverted: {
        churn:
          'Inverted: churned accounts scored HIGHER than retained ones (AUC {{auc}}, interval below 0.5). Check measure directions.',
        expansion:
          'Inverted: expanding accounts scored LOWER than the others (AUC {{auc}}, interval below 0.5).',
      },
    },
    monotonic: 'Churn falls and expansion rises from the worst colour to the best.',
    notMonotonic:
      'Churn does not fall steadily from the worst colour to the best: some colour bands do not match outcomes.',
    ctaTitle: 'Outcomes among accounts each CTA fired on',
    cta: 'CTA',
    fired: 'Fired (with outcome)',
    measureTitle: 'Which measures carry information (each measure’s own AUC)',
    measure: 'Measure',
    aucChurnShort: 'AUC vs churn',
    aucExpansionShort: 'AUC vs expansion',
    method:
      '95% intervals: Wilson score intervals for rates; Hanley–McNeil (1982) standard error for the AUC. Lift = the rate ÷ the base rate. A verdict needs at least 10 accounts on each side.',
  },
  queue: {
    status: 'Status',
    statuses: {
      open: 'Open (not done, snoozed or dismissed)',
      new: 'New since the last run',
      continuing: 'Continuing',
      marked: 'Done, snoozed or dismissed',
      all: 'All',
    },
    summary:
      'Against the run as of {{previous}}: {{new}} new, {{continuing}} continuing, {{resolved}} resolved (stopped firing).',
    firstRun:
      'First run: every CTA is new. The next run will show which continue and which are resolved.',
    resolvedList_one: '{{count}} resolved CTA',
    resolvedList_other: '{{count}} resolved CTAs',
    new: 'New',
    continuing: 'Continuing · {{runs}} runs, {{days}} days (since {{since}})',
    marks: {
      done: 'Done',
      snoozed: 'Snoozed until {{until}}',
      dismissed: 'Dismissed',
      dismissedWhy: 'Dismissed: {{reason}}',
    },
    done: 'Done',
    doneTitle: 'Mark this task done: it stays done while it keeps firing',
    snooze: 'Snooze',
    dismiss: 'Dismiss',
    reopen: 'Reopen',
    cmd: {
      done: 'Mark CTA done',
      snoozed: 'Snooze CTA',
      dismissed: 'Dismiss CTA',
      reopen: 'Reopen CTA',
    },
    dialog: {
      snoozed: 'Snooze “{{cta}}” for {{account}}',
      dismissed: 'Dismiss “{{cta}}” for {{account}}',
      until: 'Show again from',
      afterAsOf: 'Pick a date after {{asOf}}.',
      reason: 'Why is it dismissed?',
      cancel: 'Cancel',
      save: 'Save',
    },
  },
  tab: 'History',
  trends: {
    none: 'No stored runs yet.',
    runLabel: 'as of {{asOf}} (model {{fingerprint}})',
    runLabelSuperseded: 'as of {{asOf}} (model {{fingerprint}}, superseded)',
    colorTitle: 'Colour distribution over runs',
    asOf: 'As of',
    accounts: 'Accounts',
    model: 'Model',
    funnelTitle: 'Stage funnel over runs',
    ctaTitle: 'CTAs by type over runs',
    mrrTitle: 'Share of MRR by colour (field {{field}})',
    mrrTotal: 'MRR',
    mrrMissing: 'No MRR',
    mrrNotRecorded:
      'not recorded in this run (stored before MRR shares were kept): run again to see it',
  },
  changes: {
    title: 'Accounts by change',
    filter: 'Show',
    sort: 'Sort by',
    filters: {
      all: 'all accounts',
      worse: 'colour got worse',
      better: 'colour got better',
      same: 'same colour',
      changed: 'colour changed',
      new: 'new in the second run',
    },
    sorts: {
      delta_asc: 'score change, biggest drop first',
      delta_desc: 'score change, biggest rise first',
      score_asc: 'score, lowest first',
      score_desc: 'score, highest first',
    },
    count_one: '{{formatted}} account',
    count_other: '{{formatted}} accounts',
    account: 'Account',
    color: 'Colour',
    score: 'Score',
    delta: 'Change',
    notInA: 'new',
    more: 'The first {{shown}} are listed; narrow the filter to see the others.',
  },
  migration: {
    title: 'Colour migration between two runs',
    from: 'From',
    to: 'To',
    corner: 'from ↓ / to →',
    onlyIn: 'Only in the first run: {{a}}; only in the second: {{b}}.',
    accounts_one: '{{count}} account went from {{from}} to {{to}}',
    accounts_other: '{{count}} accounts went from {{from}} to {{to}}',
    more: '… and {{formatted}} more (in the CSV)',
    csv_one: 'Download its {{formatted}} account as CSV',
    csv_other: 'Download its {{formatted}} accounts as CSV',
    notLoaded: 'Not in the data now loaded: no account page to open',
    gone: '(not in the data now loaded)',
  },
  storage: {
    title: 'Stored runs',
    summary:
      '{{runs}} runs stored; each takes about {{bytes}} bytes per account (from the column layout: score, colour, segment, stage, owner, progress, one byte per CTA, 4 bytes per dimension score and measure points, the account id).',
    measured:
      '{{runs}} runs stored; the latest takes {{bytes}} bytes per account as stored: {{columns}} for its scores, colours, stages, CTAs and points, {{keys}} for the account keys (stored once for all runs of the same accounts), before the browser database’s own overhead.',
    measuredShared:
      '{{runs}} runs stored; the latest takes {{bytes}} bytes per account as stored: its scores, colours, stages, CTAs and points. Its account keys ({{keys}} bytes per account) were already stored by an earlier run of the same accounts and are shared. Before the browser database’s own overhead.',
    thin: 'Keep one run per month (older than 3 months)…',
    thinTitle: 'Thin old runs',
    thinConfirm_one: 'Delete {{count}} run',
    thinConfirm_other: 'Delete {{count}} runs',
    thinBody: 'These runs will be deleted (the last run of each month is kept): {{runs}}.',
    thinNothing: 'Nothing to thin: no month older than three months has more than one run.',
    delete: 'Delete',
    deleteTitle: 'Delete the run as of {{asOf}}?',
    superseded: 'superseded by the run stored {{date}}',
    supersededTitle:
      'Another run as of the same date was stored later: this one is left out of trends, comparisons and the CTA lifecycle. Delete it, or keep it to compare the two in the migration matrix.',
    supersededNote_one:
      '{{count}} stored run shares its as-of date with a run stored later (an earlier Waymark kept both). It is marked “superseded” below and left out of trends, comparisons and the CTA lifecycle; nothing was deleted. Delete it when you no longer need it.',
    supersededNote_other:
      '{{count}} stored runs share their as-of date with a run stored later (an earlier Waymark kept both). They are marked “superseded” below and left out of trends, comparisons and the CTA lifecycle; nothing was deleted. Delete them when you no longer need them.',
  },
  whatIf: {
    preview: 'Preview the current model on this run’s data (not saved)',
    dialogPreview: 'Preview without saving',
    dialogPreviewNote:
      'Or preview: score the current model on the same data and date without storing it, and compare it with the stored run before you decide.',
    title: 'What-if preview — not saved',
    model: 'Current model {{fingerprint}}, changed since the stored run: {{changes}}',
    modelSame: 'Current model {{fingerprint}}, the same as the stored run’s',
    against:
      'Compared with the run as of {{asOf}} stored {{date}} (model {{fingerprint}}), on the same data.',
    againstOther:
      'Compared with the run as of {{asOf}} stored {{date}} (model {{fingerprint}}) on the data “{{dataset}}”; the preview scores the data now loaded, “{{current}}”.',
    notSaved:
      'Nothing is stored: the history, trends, CTA lifecycle and marks still show the stored run. Leaving Results or reloading the page discards this preview.',
    running: 'Scoring the current model without storing it ({{phase}})…',
    failed: 'The preview failed: {{message}}',
    save: 'Save it: replace the run of {{asOf}}',
    discard: 'Discard the preview',
    matrixTitle: 'Colour migration: stored run → preview',
    colorsTitle: 'Colour distribution',
    ctasTitle: 'CTAs fired, by type',
    segmentsTitle: 'Accounts per segment',
    colColor: 'Colour',
    colType: 'Type',
    colSegment: 'Segment',
    colStored: 'Stored run',
    colPreview: 'Preview (not saved)',
    colChange: 'Change',
    colAccounts: 'Accounts',
    colShare: '% of accounts',
    colShareChange: 'Points',
    colMrr: 'MRR ({{field}})',
    colMrrPlain: 'MRR',
    mrrShareHint: '{{share}} of MRR',
    mrrNoField:
      'No MRR field is set in the field contract (Fields → roles), so MRR per colour is not shown.',
    mrrNotSummed:
      'The MRR field “{{field}}” holds no numbers in this data, so MRR per colour is not shown.',
    mrrNotStored:
      'The stored run recorded no MRR sums (it was stored before they existed): its MRR shows as —, and so does the change.',
    mrrNotPreview:
      'The preview has no MRR sums (the MRR field is not set, or not a number column, in the current model): its MRR shows as —.',
    mrrOtherField:
      'The stored run summed MRR from “{{before}}”, the preview from “{{after}}”: the change in MRR is not shown.',
    mrrMissing:
      'Accounts without an MRR value, left out of the sums: {{before}} in the stored run, {{after}} in the preview.',
    openAccountNote:
      'This account page shows the stored run as of {{asOf}}. The what-if preview is kept: Back returns to it.',
  },
  replace: {
    title: 'A run as of {{asOf}} is already stored',
    stored_one:
      'Stored {{date}} with model {{fingerprint}}, data “{{dataset}}”, {{formatted}} account.',
    stored_other:
      'Stored {{date}} with model {{fingerprint}}, data “{{dataset}}”, {{formatted}} accounts.',
    modelSame:
      'The current model is the one that run used: the numbers change only where the data changed.',
    modelChanged: 'The health model changed since that run: {{changes}}.',
    modelChangedNoList: 'The health model changed since that run.',
    modelUnknown: 'That run was stored without its model.',
    body_one:
      'The history keeps one run per as-of date. Replacing deletes the stored run once the new one is stored (if the run fails or is cancelled, the stored run stays). CTA marks (done, snoozed, dismissed) are kept. To keep the stored run, cancel and pick another date.',
    body_other:
      'The history keeps one run per as-of date. Replacing deletes these {{count}} stored runs once the new one is stored (if the run fails or is cancelled, they stay). CTA marks (done, snoozed, dismissed) are kept. To keep them, cancel and pick another date.',
    confirm: 'Replace the run of {{asOf}}',
  },
  account: {
    title: 'History of this account',
    loading: 'Reading the stored runs…',
    one: 'Only one stored run has this account: the chart starts with the next run.',
    score: 'Score',
    chart: 'Score per stored run',
    point: '{{asOf}}: score {{score}} ({{color}})',
    color: 'Colour',
    stage: 'Stage',
    ctas: 'CTAs that fired',
    days: {
      intro: 'Days in stage as of {{asOf}}, from the runs below (the data gives no entry date):',
      history:
        '{{days}} days — in {{stage}} since the run of {{since}}; the run of {{before}} had another stage, so it entered in between.',
      atLeastOldest:
        'at least {{days}} days — in {{stage}} in every stored run since {{since}}, the oldest: the history does not say when it entered.',
      atLeastGap:
        'at least {{days}} days — in {{stage}} since the run of {{since}}; the run of {{before}} does not hold this account with a stage, so it may have entered earlier.',
      entered:
        '0 days — it entered {{stage}} after the run of {{before}}, which had it in another stage.',
      noEarlierRun: 'unknown — no run is stored before {{asOf}}.',
      notInLastRun:
        'unknown — the newest run before this one ({{before}}) does not hold this account.',
      noStageLastRun:
        'unknown — the newest run before this one ({{before}}) has no stage for this account.',
      noStage: 'unknown — the account has no stage in this run.',
    },
  },
  transfer: {
    title: 'CLI history folders',
    intro:
      'Import the runs a waymark score --history DIR job wrote (pick the folder, or its manifest.json with the runs/*.parquet files, or a zip exported here), or export this project’s runs in the same format so waymark history DIR, DuckDB or Polars read them.',
    pickFolder: 'Import CLI history folder…',
    pickFiles: 'Import CLI history files…',
    export: 'Export history (zip)',
    reading: 'Reading {{count}} files…',
    imported: 'Imported {{count}} runs from {{file}}: {{runs}}.',
    importedNone: 'Nothing new in {{file}}: every run in it is already stored.',
    skipped:
      'Skipped {{asOf}} ({{file}}): a run as of that date is already stored; the stored run was kept. Delete it first to replace it.',
    refused: 'Nothing was imported:',
    importedBadge: 'imported from the CLI',
    importedNote:
      'Run written by the Waymark CLI (dataset {{dataset}}); its numbers are the ones in the Parquet file, never scored again here.',
    exported: 'Exported {{count}} runs as {{file}}.',
    leftOut:
      'Left out (an older run with the same as-of date; a history folder keeps one run per date): {{runs}}.',
    noRuns: 'No stored runs to export.',
    exporting: 'Exporting {{count}} runs…',
    progress: {
      read: 'Reading the picked files: {{done}} of {{total}} read…',
      check: 'Reading run {{n}} of {{total}} (as of {{asOf}})…',
      save: 'Adding the {{total}} runs to the project (all of them or none)…',
      export: 'Writing run {{n}} of {{total}} (as of {{asOf}})…',
    },
    cancel: 'Cancel',
    cancelledImport: 'Import cancelled: nothing was imported.',
    cancelledExport: 'Export cancelled: no file was written.',
    importFailed:
      'The import stopped ({{reason}}): nothing was imported. Try again; if it stops again, close other tabs to free memory and try once more.',
    exportFailed: 'The export stopped ({{reason}}): no file was written. Try again.',
    issue: {
      no_manifest:
        'No manifest.json among the picked files ({{file}}). Pick the history folder itself, or its manifest.json together with the runs/*.parquet files.',
      bad_manifest:
        '{{file}}: the history manifest is not valid JSON ({{reason}}). Restore it from a backup or let the CLI write the folder again.',
      not_history:
        '{{file}}: not a Waymark history manifest (format "waymark-history"). Pick the manifest.json that `waymark score --history` wrote.',
      newer:
        '{{file}}: written by a newer Waymark (history format {{version}}). Update Waymark, then import again.',
      missing_file:
        '{{file}}: listed in the manifest but not among the picked files. Pick the whole folder (or add that file) and import again.',
      not_parquet:
        '{{file}}: not a readable Parquet file (truncated or damaged: {{reason}}). Copy the file again from the CLI’s folder, or remove its run from the manifest.',
      not_a_run:
        '{{file}}: a Parquet file without Waymark run metadata (waymark.run). Pick the runs/*.parquet files the CLI wrote.',
      newer_run:
        '{{file}}: a run file of a newer format (version {{version}}). Update Waymark, then import again.',
      mismatch:
        '{{file}}: the run inside is as of {{asOf}} for “{{playbookName}}”, not what the manifest says. Let the CLI write the folder again.',
      other_project:
        '{{file}}: these runs belong to the playbook “{{theirs}}”, not this project’s “{{ours}}” (no run shares a playbook name or fingerprint with it). Import them into the project they came from.',
      duplicate_as_of:
        '{{file}}: two runs as of {{asOf}}. Remove one of them from the manifest, then import again.',
    },
  },
  oneRun:
    'One stored run so far: the tables below are a snapshot, not a trend. Trends, changes and the CTA comparison start with the second run.',
} as const;
