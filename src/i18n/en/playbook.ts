// en strings for the 'playbook' namespace: playbook validation issues (code → text with
// {{params}}), shown by the app's playbook import and the CLI. Keys mirror the other language's file.
export default {
  issue: {
    not_object: 'expected a JSON object (a Waymark playbook or project)',
    too_deep:
      'arrays and objects are nested more than {{max}} levels deep (line {{line}}, column {{column}}): a playbook never nests this deep; export it again from Waymark',
    not_json: 'not valid JSON{{where}}: {{detail}}',
    not_playbook: 'expected "format": "{{expected}}" (or a project file with "schemaVersion")',
    newer_version:
      'playbook version {{version}} is newer than this Waymark understands ({{supported}}): update Waymark to run it',
    schema: '{{detail}}',
    duplicate_id: 'duplicate {{kind}} id "{{id}}" (also at {{first}}): ids must be unique',
    reserved_name: 'field id "{{id}}" is a reserved name ({{reserved}}): rename the field',
    unknown_field: 'unknown field "{{name}}"',
    field_type: 'field "{{name}}" is of type {{type}}; expected {{expected}}',
    measure_kind:
      'measure "{{id}}" gives a {{type}} value, which "{{kind}}" normalisation cannot score: use {{use}}',
    unknown_segment: 'unknown segment "{{id}}"',
    unknown_stage: 'unknown stage "{{id}}"',
    unknown_color: 'unknown colour band "{{id}}"',
    unknown_measure: 'unknown measure "{{id}}"',
    unknown_dimension: 'dimension "{{id}}" is not listed in health.dimensions',
    bad_band_order:
      'bands are listed best first: "{{id}}" (min {{min}}) must not be above "{{above}}" (min {{aboveMin}})',
    bad_linear: 'linear normalisation needs max different from min (both are {{min}})',
    bad_as_of: 'as-of date "{{value}}" is not a calendar date YYYY-MM-DD',
    expression: '{{detail}} (at character {{at}} of "{{source}}")',
  },
  didYouMean: ' — did you mean "{{suggestion}}"?',
  kind: {
    field: 'field',
    segment: 'segment',
    measure: 'measure',
    dimension: 'dimension',
    band: 'colour band',
    stage: 'stage',
    criterion: 'exit criterion',
    cta: 'CTA',
    rule: 'routing rule',
    override: 'override segment',
    source: 'activity source',
    attribute: 'attribute',
  },
} as const;
