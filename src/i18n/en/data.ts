// en strings for the 'data' namespace. Keys mirror the other language's file.
export default {
  title: 'Account data',
  intro:
    'Import CRM exports, product usage and event files (CSV, TSV, JSON, NDJSON in UTF-8 or Shift_JIS; Excel .xlsx). Several files are joined on the account key, or on the company name when the key is missing.',
  current: {
    title: 'Current dataset',
    none: 'No dataset yet. Import a file to score accounts.',
    loading: 'Loading the dataset…',
    rows: '{{formatted}} accounts',
    columns: '{{count}} fields',
    created: 'Imported {{date}}',
    sources: 'Sources',
    source: '{{file}} — {{encoding}}, {{rows}} rows',
    preview: 'First rows',
  },
  drop: {
    title: 'Drop files here',
    or: 'or',
    choose: 'Choose files…',
    hint: 'The first file is the base (e.g. the CRM export); other files add columns to its accounts.',
  },
  demo: {
    title: 'Demo data',
    rows: 'Accounts',
    seed: 'Seed',
    generate: 'Generate demo accounts',
  },
  preview: {
    sheet: 'Sheet',
    title: 'Preview and column mapping',
    format: 'Format',
    encoding: 'Encoding',
    delimiter: 'Delimiter',
    header: 'Header row',
    yes: 'yes',
    no: 'no',
    estimated: 'about {{count}} rows',
    field: 'Field',
    column: 'Column in the file',
    sample: 'Sample',
    notMapped: '— not in this file —',
    required: 'required',
    key: 'account key',
    remove: 'Remove file',
    unmapped: 'Columns not used: {{list}}',
  },
  formats: { csv: 'CSV', tsv: 'TSV', json: 'JSON', ndjson: 'NDJSON', xlsx: 'Excel (.xlsx)' },
  encodings: { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', shift_jis: 'Shift_JIS (CP932)' },
  delimiters: { comma: 'comma', tab: 'tab', semicolon: 'semicolon', pipe: 'pipe' },
  actions: {
    import: 'Check and import',
    cancel: 'Cancel',
    save: 'Save {{count}} accounts',
    saveSkipping: 'Save {{count}} accounts, skipping {{bad}} bad rows',
    keepBlank: 'Keep bad rows with empty cells instead',
    fixMapping: 'Fix the mapping',
    discard: 'Discard',
  },
  progress: {
    reading: 'Reading files…',
    parsing: 'Parsing {{file}}… {{percent}}%',
    saving: 'Saving the dataset…',
    generating: 'Generating demo accounts…',
  },
  stalled: {
    title: 'The import has stopped answering',
    body: 'No progress from the import of {{file}} for {{seconds}} s (last at {{percent}}%). It may still finish, or it may be stuck.',
    unchanged: 'Nothing stored has been changed: your saved dataset is as it was.',
    wait: 'Keep waiting',
    cancel: 'Cancel (back to the preview)',
    retry: 'Try again',
  },
  report: {
    title: 'Validation report',
    rowsRead: 'Rows read',
    imported: 'Accounts imported',
    badRows: 'Rows with errors',
    errors: 'Errors',
    warnings: 'Warnings',
    duplicates: 'Duplicate ids',
    firstIssues: 'First problems',
    row: 'Row',
    column: 'Column',
    field: 'Field',
    value: 'Value',
    problem: 'Problem',
    clean: 'No problems found.',
    more: '…and {{count}} more',
    missingRescaled:
      '{{label}} missing for every account: its weight is rescaled away (measures: {{measures}}).',
    missingZero:
      '{{label}} missing for every account: it scores 0 points (measures: {{measures}}).',
    missingFields: 'Fields not in this file: {{list}}',
    policySkip: 'Rows with errors are left out.',
    policyBlank: 'Bad cells are left empty and the rows kept.',
    kept: 'The stored dataset is unchanged until you save.',
    parts: 'Read in {{count}} parts in parallel; the result is the same as reading it in one pass.',
  },
  join: {
    title: 'Joining sources',
    source:
      '{{name}}: {{rows}} rows — {{byKey}} by id, {{byName}} by company name, {{unmatched}} unmatched',
    review: 'Matches to review ({{count}})',
    kinds: {
      normalised: 'same name after normalising',
      ambiguous: 'several accounts share this name (not joined)',
      similar: 'similar spelling (not joined)',
    },
    sourceName: 'In {{source}}',
    baseName: 'Account',
  },
  failed: {
    title: 'The file could not be imported',
    unchanged: 'Your stored dataset is unchanged.',
  },
  saved: 'Dataset saved: {{formatted}} accounts.',
  cancelled: 'Import cancelled. The stored dataset is unchanged.',
  issue: {
    empty_file: '{{file}} is empty. Export the data again and choose the new file.',
    no_rows: '{{file}} has a header but no data rows.',
    binary_file:
      '{{file}} is a {{kind}} file, not CSV, TSV, JSON or NDJSON text. Export the sheet as CSV (UTF-8 or Shift_JIS).',
    bad_encoding:
      '{{file}} is neither UTF-8 nor Shift_JIS (first invalid byte at offset {{offset}}). Save it again as UTF-8 CSV.',
    bad_json: '{{file}}: not valid JSON ({{detail}}). Fix the file or export it again.',
    json_shape:
      '{{file}}: expected an array of objects (one per account) or {"rows": [...]}, found {{what}}.',
    ragged_row:
      'This row has {{found}} fields where the header has {{expected}}. Check for an unquoted comma or a missing quote.',
    unterminated_quote:
      '{{file}}, row {{row}} (line {{line}}): a quoted field is never closed, so the rest of the file was not read. Add the missing " or remove the stray one.',
    bad_number: '"{{raw}}" is not a number. Use digits such as 1234, 1,234 or 80%.',
    bad_integer: '"{{raw}}" is not a whole number.',
    bad_date: '"{{raw}}" is not a date. Use 2024-03-09, 2024/3/9 or 2024年3月9日.',
    bad_boolean: '"{{raw}}" is not yes/no. Use TRUE/FALSE, yes/no, はい/いいえ or 1/0.',
    bad_category: '"{{raw}}" is not one of the allowed values ({{allowed}}); kept as written.',
    missing_required: 'Empty, but the field is required.',
    required_unmapped:
      'The required field "{{field}}" has no column in {{file}}; map one or add it from another file.',
    key_unmapped:
      'No column of {{file}} is mapped to the account key "{{field}}". Map one of: {{headers}}.',
    duplicate_key: 'Account id "{{raw}}" appears again (first in row {{firstRow}}).',
    formula_cell:
      '"{{raw}}" starts like a spreadsheet formula; kept as text, neutralised on export.',
    file_too_large:
      '{{file}} is {{size}}, more than the {{limit}} Waymark imports at once. Split it into smaller files (they are joined on the account key), or score it inside your database with `waymark sql`.',
    file_changed:
      '{{file}} changed on disk after it was picked (or was moved or deleted), so it was not imported. Pick it again: the column mapping you set is kept if its columns are the same.',
    text_too_large:
      '{{file}} ({{size}}, {{encoding}}) is too large to read as one text. Save it as UTF-8 CSV or split it into smaller files.',
    row_too_long:
      'Row {{row}} (line {{line}}) of {{file}} is longer than {{limit}}, so the file was not read. The line breaks are probably not recognised (check the delimiter and that the file is CSV, TSV, JSON or NDJSON text) or a quote (") is never closed; fix the file or export it again.',
    json_too_deep:
      '{{file}}, line {{line}}, column {{column}} ({{path}}): arrays and objects are nested more than {{max}} levels deep. Account data is one object per account with plain values; export it again without the nesting.',
    mixed_encoding:
      '{{file}} mixes encodings: {{count}} line(s) differ from the rest ({{rest}}): line {{lines}}. Reading it either way would garble those rows. Save the whole file again in one encoding (UTF-8 recommended).',
    number_out_of_range:
      '"{{raw}}" is beyond the range of numbers (about ±1.8e308), so it cannot be stored. Check the value; a measure this large is usually a unit or export error.',
    imprecise_number:
      'The number {{raw}} has more digits than a JSON number keeps exactly (about 15), so it was not stored. Write ids and codes as JSON strings ("…").',
    xlsx_not_zip:
      '{{file}}: the name says .xlsx but the file is not an Excel workbook (it starts with {{start}}). Save it from Excel as .xlsx or CSV and import that.',
    xlsx_encrypted:
      '{{file}}: this workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password (File → Info → Protect Workbook) or save a copy as CSV, and import that.',
    xlsx_damaged:
      '{{file}}: the workbook cannot be unpacked ({{reason}}; {{size}} bytes): it is truncated or damaged. Save it again from Excel (or export it again) and import the new file.',
    xlsx_empty_sheet:
      '{{file}}: sheet "{{sheet}}" has no cells (sheets: {{sheets}}). Pick the sheet that holds the accounts.',
    xlsx_no_sheet:
      '{{file}}: the workbook has no sheet "{{sheet}}" (its sheets: {{sheets}}). Pick one of them.',
    percent_mixed:
      '{{file}} → {{field}}: the field has unit "%" and the column mixes {{percent}} cell(s) written with % (e.g. "{{percentExample}}") and {{bare}} bare fraction(s) (e.g. "{{bareExample}}", read as {{bareExample}} %, not as a share). Write every cell one way (80% or 80) and import again.',
    truncated_record:
      "{{file}}: the file ends at byte {{offset}} inside row {{row}}, which has {{found}} of the header's {{expected}} fields and no line break after it: the file was cut off (e.g. an interrupted download or export), so rows may be missing too. Export or download the whole file again and import that.",
    truncated_quote:
      '{{file}}: the file ends at byte {{offset}} inside a quoted field of row {{row}} (line {{line}}), with no line break after it: the file was cut off (e.g. an interrupted download or export), so rows may be missing too. Export or download the whole file again and import that.',
    truncated_file:
      '{{file}} ends in the middle of a character at byte {{offset}} ({{encoding}}): it was cut off, e.g. by an interrupted copy or export. Export or copy the whole file again and import that.',
    storage_failed:
      'The dataset could not be stored in this browser ({{detail}}). Free space (delete old projects or datasets, or allow more storage) or import fewer rows; the stored dataset is unchanged.',
  },
  activity: {
    where: '{{file}}, row {{row}}, column {{column}} ({{header}})',
    activity_missing_column:
      '{{file}}: activity source "{{source}}" needs the column(s) {{columns}}, which the file does not have (its columns: {{headers}}). Rename the column or set its name in the playbook.',
    activity_no_name_field:
      '{{file}}: activity source "{{source}}" links rows by company name, but the playbook names no company-name field (fields.nameField).',
    activity_bad_time:
      '{{where}}: "{{raw}}" is not a date or date-time (write 2026-11-23, 2026-11-23 09:30, 2026/11/23 9:30 or 2026年11月23日); the event is left out.',
    activity_unknown_account:
      '{{where}}: "{{raw}}" matches no account in the account data; the event is left out.',
    activity_ambiguous_account:
      '{{where}}: "{{raw}}" matches {{count}} accounts after name normalisation; the event is left out — use the account key.',
    activity_future:
      '{{where}}: "{{raw}}" is after the as-of date {{asOf}}; the event is left out of this run.',
    activity_bad_value:
      '{{where}}: "{{raw}}" is not a valid {{type}} for attribute "{{attribute}}"; the value is left missing.',
    activity_source_absent:
      'The playbook uses activity source "{{source}}", but no file was given for it: add --activity {{source}}=FILE.',
    activity_unknown_source:
      '--activity {{source}}=…: the playbook declares no activity source "{{source}}" (declared: {{sources}}).',
    activity_same_file:
      '{{file}} has the same content as {{other}} (source "{{source}}"): the same file read twice would count its events twice. It was not read; give each file once.',
    activity_no_files:
      '--activity {{source}}={{pattern}}: no activity file (.csv, .tsv, .txt, .tab, .json, .ndjson, .jsonl) matches.',
    activity_overlap:
      '{{file}} has events from {{from}} to {{to}}, overlapping {{other}} ({{otherFrom}} to {{otherTo}}) of source "{{source}}": if the files repeat rows, those events count twice. Check the exports.',
    summary:
      '{{file}} ({{source}}): {{kept}} of {{rows}} events counted; {{unknownAccount}} naming no account, {{ambiguousAccount}} ambiguous, {{badTime}} bad timestamps, {{future}} after the as-of date, {{badValues}} bad values.',
  },
  addFields: {
    title: '{{count}} column(s) of this file are not used by any field',
    hint: 'Add them as fields with the types read from their values (one undo step), then import again. Review the types in the Data dictionary.',
    run: 'Add {{count}} unused column(s) as fields',
    undo: 'Add {{count}} field(s) from the file',
    reviewHint:
      'Review what was read from the values: change a type, a label or an id, or untick a column to leave it out. Accepting adds the ticked fields in one undo step and maps them to their columns.',
    key: 'Account key "{{field}}" ← column {{column}} (every value present and distinct).',
    name: 'Use column {{column}} as the company name (joins other files by name).',
    include: 'Add column {{column}}',
    col: { include: 'Add', type: 'Type (why)', ja: 'Label (ja)', en: 'Label (en)', id: 'Id' },
    idProblem: {
      invalid: 'Not a valid id: letters, digits and _, not starting with a digit.',
      reserved: 'Reserved by the engine; choose another id.',
      taken: 'Another field already has this id.',
    },
    types: {
      number: 'number',
      integer: 'integer',
      string: 'text',
      boolean: 'yes/no',
      date: 'date',
      category: 'category',
    },
  },
  activityView: {
    title: 'Activity data',
    none: 'The playbook declares no activity sources (logins, seminars, contacts…). Declare them in the playbook to import activity files here.',
    intro:
      "One or several files per source (a login export per month, a sheet per seminar…): CSV, TSV, JSON or NDJSON, UTF-8 or Shift_JIS. Each row is linked to an account; events after {{asOf}} are reported as in the future. A source's files count as one file, concatenated in the order they were added. Nothing is stored until you store it.",
    storedFiles: '{{formatted}} events stored from {{names}}.',
    notStored: 'No activity imported for this source: runs that read it stop and say so.',
    drop: 'Drop one or more files here, or',
    dropAdd: 'Drop files here to add them to the stored ones, or',
    choose: 'Choose files…',
    addFiles: 'Add files…',
    replaceAll: 'Replace all…',
    unknown: '—',
    files: {
      name: 'File',
      size: 'Size',
      rows: 'Events / rows',
      dates: 'Events from – to',
      imported: 'Imported',
      kept: '{{kept}} / {{rows}}',
      remove: 'Remove',
      keep: 'Keep',
      removeAsk: 'Remove {{file}} and its {{count}} events?',
      removed: '{{file}} removed: {{count}} events left for {{source}}.',
    },
    groupsHint:
      'The files have {{count}} different sets of columns: map each. Files with the same columns share one mapping.',
    missingMapping: '{{file}}: no column chosen for {{columns}}.',
    fileOf: 'File {{n}} of {{count}}',
    saveFiles: 'Store {{count}} events from {{files}} file(s)',
    saveAdd: 'Add {{count}} events from {{files}} file(s)',
    needAccounts: 'Import the account data first: activity rows are linked to its accounts.',
    loadingAccounts:
      'Reading the stored account data… You can pick a file and map its columns meanwhile.',
    runWaits: 'The import starts once the stored account data is read.',
    unchanged: 'The stored activity is unchanged.',
    mappingHint: '{{file}} ({{encoding}}): which column holds each declared column?',
    unmapped: '— not in this file —',
    time: 'Timestamp (date or date-time)',
    link: { key: 'Account key', name: 'Company name (名寄せ)' },
    import: 'Import',
    saved: '{{source}}: {{count}} events stored.',
    report: {
      rows: 'rows read',
      kept: 'events counted',
      unknown: 'match no account',
      badTime: 'bad timestamps',
      future: 'after the as-of date',
      badValues: 'bad values',
      unknownTitle: '{{count}} row(s) match no account (left out)',
      reviewTitle: '{{count}} company name(s) joined after normalisation: please review',
      reviewHint:
        'These rows name the company differently from the account data; they were joined by the 名寄せ normalisation (legal form, width, spacing).',
      inFile: 'In the file',
      account: 'Account',
      otherTitle: 'Other rows left out or values left missing',
    },
  },
  replace: {
    title: 'Saving replaces the stored dataset {{name}}',
    rows: 'Accounts: {{before}} → {{after}} ({{pct}})',
    bigDrop: 'More than 3% fewer accounts: check that this is the whole export.',
    disappeared_one: '{{formatted}} account disappears: {{sample}}',
    disappeared_other: '{{formatted}} accounts disappear: {{sample}}…',
    added_one: '{{formatted}} new account',
    added_other: '{{formatted}} new accounts',
    emptied: 'Fields that had values and are now empty for every account: {{list}}',
    confirm: 'Replace {{name}} ({{formatted}} accounts) with this data',
  },
} as const;
