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
} as const;
