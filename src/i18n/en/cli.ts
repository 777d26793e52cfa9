// en strings for the 'cli' namespace (the `waymark` command). Keys mirror the other language's file.
export default {
  commands: {
    validate: {
      summary: 'check a playbook (or project) file: shape, references, expressions',
      usage:
        'Usage: waymark validate <playbook.json>\n\nChecks a playbook file — or a project file exported by the app — against the playbook format\n(version 2; version 1 files are read through the migration): the JSON shape, duplicate ids,\nreferences to unknown fields, segments, stages, colours and measures,\nand every expression (type-checked against the field contract).\nProblems are printed on stderr with their JSON path, e.g. $.ctas[2].trigger.\n\nExit codes: 0 valid, 1 invalid, 2 usage error.\n',
    },
    score: {
      summary: 'score account data with a playbook (csv, json or ndjson out)',
      usage:
        "Usage: waymark score <playbook.json> <data.csv|.tsv|.json|.ndjson|.xlsx> [options]\n\nScores every account: segment, stage and exit criteria, health score 0–100 and colour,\ncoverage, owner and the CTAs fired. The playbook may be a project file exported by the app.\nData columns are matched to fields by id or by Japanese / English label; CSV may be UTF-8 or\nShift_JIS.\n\nOptions:\n  --as-of YYYY-MM-DD       score as of this date (default: the playbook's asOf, else today)\n  --format csv|json|ndjson|parquet  output format (default: csv; parquet needs --out,\n                           in the columns of a history run: docs/history-format.md)\n  --out FILE               write to FILE instead of standard output\n  --activity SOURCE=FILE   events of an activity source of the playbook (repeatable)\n  --history DIR            also append the run to a history folder (docs/history-format.md)\n  --bad-rows skip|blank    carry on despite data errors: leave bad rows out, or blank bad cells\n                           (default: stop with exit 1 and list the errors)\n  --sheet NAME             the sheet of an .xlsx workbook (default: the first with data)\n  --chunk-rows N           accounts scored and written per chunk (default: 65536); input and\n                           output are streamed, so any number of accounts fits in memory\n  --threads N|auto         threads in all: the main thread reads and writes, N − 1 score\n                           (default 1; auto: 1 under 16 MB of input, else one per core,\n                           at most 4); the output is the same for any N\n  --no-bom                 CSV without the UTF-8 BOM (kept by default so Excel reads Japanese\n                           text; drop it when piping into another program)\n\nExit codes: 0 scored, 1 invalid playbook or data (errors on stderr), 2 usage error.\n",
    },
    explain: {
      summary: "explain one account's score, stage and CTAs (JSON)",
      usage:
        "Usage: waymark explain <playbook.json> <data file> --account ID [--as-of YYYY-MM-DD]\n\nPrints, as JSON, how one account was scored: each measure's raw value, points, weight and\ncontribution (the contributions add up to the total), each exit criterion of its stage with\nthe values it read, and each CTA fired with the values that made its trigger true.\n\nOptions:\n  --account ID             the account key value (required)\n  --as-of YYYY-MM-DD       score as of this date (default: the playbook's asOf, else today)\n  --activity SOURCE=FILE   events of an activity source of the playbook (repeatable)\n  --bad-rows skip|blank    carry on despite data errors (see waymark score --help)\n\nExit codes: 0 ok, 1 invalid input or unknown account, 2 usage error.\n",
    },
    backtest: {
      summary: 'check the score against outcomes: churn/expansion per colour, AUC',
      usage:
        "Usage: waymark backtest <playbook.json> --history DIR --as-of D --outcomes FILE --outcome FIELD\n                   --churn VALUES [--expansion VALUES] [--observed-at D] [--format text|json]\n       waymark backtest <playbook.json> <data file> --outcome FIELD --churn VALUES [...]\n\nThe first form is predictive (答え合わせ): predictions from the history run as of D (written by\nwaymark score --history DIR), outcomes from FILE observed later, joined by account key\n(unmatched accounts counted and listed; duplicated keys are an error). The second form scores\nthe data and compares it with outcomes in the same file: descriptive only.\nPrints the base rate, churn and expansion rate per colour and per CTA with 95% Wilson\nintervals and lift, the AUC with a 95% Hanley–McNeil interval, each measure's own AUC, and a\nverdict only when at least 10 accounts are on each side.\n\nOptions:\n  --outcome FIELD          the outcome field (required; a category or string field)\n  --churn VALUES           comma-separated values of FIELD that mean churn (e.g. 解約)\n  --expansion VALUES       comma-separated values that mean expansion (e.g. 拡大)\n  --history DIR            the history folder; --as-of picks the run\n  --outcomes FILE          the later data file holding FIELD\n  --observed-at D          when the outcomes were observed (default: today)\n  --as-of YYYY-MM-DD       the run to take (with --history) or the scoring date\n  --format text|json       readable table (default) or everything as JSON\n  --activity SOURCE=FILE   events of an activity source of the playbook (repeatable)\n  --bad-rows skip|blank    carry on despite data errors (see waymark score --help)\n\nExit codes: 0 ok, 1 invalid input, 2 usage error.\n",
    },
    sql: {
      summary: 'compile a playbook to one SQL query for DuckDB or PostgreSQL',
      usage:
        "Usage: waymark sql <playbook.json> --dialect duckdb|postgres [options]\n\nPrints one SQL query (with CTEs) that scores an accounts table the way `waymark score` does:\nper account segment, stage, exit-criteria status, measure points, total, colour, owner and\nCTAs fired. Columns of the accounts table are the playbook's field ids (dates as DATE).\nOutput column names longer than 63 bytes are shortened to a prefix + ~hash; rows come\nout ordered by account id.\n\nOptions:\n  --dialect duckdb|postgres  SQL dialect (required)\n  --table NAME               the accounts table or view (default: accounts)\n  --history-table NAME       instead, print CREATE TABLE IF NOT EXISTS NAME and the INSERT that\n                             appends this run to it: the columns of a history run's Parquet file\n                             (docs/history-format.md)\n  --as-of YYYY-MM-DD         score as of this date (default: the playbook's asOf, else today)\n  --out FILE                 write to FILE instead of standard output\n\nExit codes: 0 ok, 1 invalid playbook, 2 usage error.\n",
    },
    schema: {
      summary: 'print the playbook JSON Schema (generated from the zod model)',
      usage:
        'Usage: waymark schema [--out FILE]\n\nPrints the JSON Schema of playbook files (draft 2020-12), generated from the model.\n  --out FILE   write it to FILE instead of standard output\n',
    },
    fields: {
      summary: 'propose a field contract from a data file (types, ids, labels, account key)',
      usage:
        'Usage: waymark fields <data.csv|.tsv|.json|.ndjson|.xlsx> [options]\n\nReads the file as `waymark score` does (UTF-8 or Shift_JIS) and proposes a field per column:\nthe type its values show (integer, number with 円 or %, date, yes/no, category, text), the\nheader as the Japanese or English label, a valid id, the account key and the company-name field.\nEach column comes with the reason for its type; ambiguous columns (ids with leading zeros,\npostal codes, a % column holding 0.8, a few text cells among numbers) say what was chosen.\n\nOptions:\n  --format table|json      table: the proposal for reading (default); json: a minimal playbook\n                           holding the contract, which `waymark score` accepts as it is\n  --encoding utf-8|shift_jis  read the file in this encoding (default: detected)\n  --sheet NAME             the sheet of an .xlsx workbook (default: the first with data)\n  --name NAME              the playbook name in the JSON (default: the file name)\n  --out FILE               write to FILE instead of standard output\n\nExit codes: 0 ok, 1 unreadable file, 2 usage error.\n',
    },
    lint: {
      summary: 'print the findings of PReP diagrams as JSON, Markdown or CSV (exit 1 on an error)',
      usage:
        "Usage: waymark lint <project.json> [--diagram ID] [--preset {{presetChoices}}]\n                    [--format json|md|csv] [--lang ja|en] [--include-dismissed]\n                    [--no-bom]\n\nRuns the PReP diagram rules (single-person dependency, insufficient inputs, missing know-how,\ncoordination bottleneck, rework loop, disconnected deliverable, holders not recorded) and prints\nthe findings, most impact first, with the question to ask the customer.\n  --diagram ID         only this diagram (id or exact name); default: every diagram\n  --preset NAME        severities: {{presets}} (default recommended)\n  --format FORMAT      json (default; messages in English and Japanese), md or csv (the findings\n                       report handed to the customer, in one language)\n  --lang ja|en         language of the md/csv report (default: the CLI's language)\n  --include-dismissed  count findings dismissed in the editor again (they are listed either way)\n  --no-bom             CSV without the UTF-8 BOM that Excel needs (for piping into other programs)\nExit code: 0 no error finding, 1 an error finding (not dismissed) or an invalid file, 2 usage error.\n",
    },
  },
  usage: {
    noValue: 'option --{{name}} takes no value',
    needsValue: 'option --{{name}} needs a value',
    unknownOption: 'unknown option --{{name}}',
    more: '… {{count}} more',
    badLimits:
      'WAYMARK_IMPORT_LIMITS "{{value}}" must be JSON such as {"maxRowBytes": 1000000} (maxFileBytes, maxRowBytes, maxJsonDepth: positive numbers)',
    badRows: '--bad-rows "{{value}}" is not one of skip, blank',
    chunkRows: '--chunk-rows "{{value}}" is not a whole number of at least 1',
    threads:
      '--threads "{{value}}" is not a whole number from 1 to {{max}} (or auto); e.g. --threads 4',
    parquetNeedsOut: '--format parquet writes a binary file: give it with --out FILE.',
    playbookAndData: 'expected a playbook file and a data file',
    onePlaybook: 'expected exactly one playbook file',
    required: '{{option}} is required',
    unexpected: 'unexpected argument "{{arg}}"',
    badTable: '--table "{{value}}" must be a plain or schema-qualified name (letters, digits, _)',
    badActivity:
      '--activity "{{value}}" must be SOURCE=FILE (an activity source id of the playbook, then the file)',
    oneData: 'expected exactly one data file',
    oneProject: 'missing <project.json>',
  },
  help: {
    intro: 'waymark — run Waymark playbooks on account data',
    usage: 'Usage: waymark <command> [options]   (waymark <command> --help for details)',
    commands: 'Commands:',
  },
  note: {
    sources:
      'waymark: running from the TypeScript sources, which are newer than the built CLI in dist-cli/ (or it is missing), so it starts slower (~0.5 s). `npm run build:cli` rebuilds it; WAYMARK_CLI_SOURCES=1 runs the sources without this note.',
  },
  error: {
    unknownCommand: 'unknown command "{{name}}". Run `waymark --help` to list the commands.',
    usage: 'usage error: {{message}}',
    seeHelp: 'Run `waymark {{name}} --help` for the usage.',
    readFile: '{{file}}: cannot read the file ({{reason}}). Check the path.',
    outOfMemory:
      '{{file}}: the file ({{size}}) does not fit in the memory available. Split it into smaller files (they are joined on the account key), or score it inside your database with `waymark sql`.',
    writeFile:
      '{{file}}: cannot write the file ({{reason}}). Check the folder exists and is writable.',
    badJson: '{{file}}: not valid JSON ({{reason}}). Fix the file or export it again from Waymark.',
    notPlaybook:
      '{{file}}: neither a Waymark playbook (format "waymark-playbook") nor a project file (schemaVersion). Export the playbook from Waymark.',
    issue: '{{file}} {{path}}: {{message}}',
    invalidPlaybook: '{{file}}: the playbook has {{count}} problem(s); fix them and run again.',
    asOfToday:
      'scoring as of {{date}} (today) in time zone {{zone}}: pass --as-of YYYY-MM-DD or set "asOf" in the playbook for a repeatable run.',
    badAsOf: '--as-of "{{value}}" is not a date YYYY-MM-DD.',
    badFormat: '--format "{{value}}" is not one of csv, json, ndjson, parquet.',
    badDialect: '--dialect "{{value}}" is not one of duckdb, postgres.',
    dataIssue: '{{where}}: {{message}}',
    dataInvalid: '{{file}}: {{count}} error(s) in the data; fix them and run again.',
    partialOutput:
      '{{rows}} scored row(s) were already written to standard output before this error: that output is incomplete. Use --out FILE to get a file only when the whole run succeeds.',
    noAccount:
      '{{file}}: no account with {{key}} = "{{id}}". Check the id (it is matched exactly).',
    unknownOutcome: '--outcome "{{field}}" is not a field of the playbook. Fields: {{fields}}.',
    outcomeNotCategory:
      '--outcome "{{field}}" must be a category or string field with values like renewed / churned / expanded.',
    missingColumn:
      '{{file}}: the required field "{{field}}" has no column. Add the column (by id or label) and run again.',
    activityStopped:
      '{{file}}: {{count}} activity row(s) with errors; fix them, or give --bad-rows skip to leave them out.',
  },
  ok: {
    valid:
      '{{file}}: valid playbook "{{name}}" ({{measures}} measures, {{stages}} stages, {{ctas}} CTAs).',
    wrote: 'wrote {{rows}} accounts to {{file}}',
    warning: 'warning: {{message}}',
  },
  sqlIssue: {
    refused:
      '{{file}}: {{count}} value(s) cannot be written safely as {{dialect}} SQL; nothing was written. Fix them and run again.',
    sql_nul:
      'contains a NUL character (U+0000, "\\u0000" in the JSON). PostgreSQL text cannot hold it and SQL clients end the query there; remove it.',
    sql_surrogate:
      'contains an unpaired UTF-16 surrogate (such as "\\ud800" in the JSON), which is not a Unicode character and would be written as U+FFFD; remove it or write the whole character.',
    sql_field_case:
      'field "{{id}}" differs from field "{{other}}" ({{otherPath}}) only in letter case; DuckDB reads both from the same column. Rename one.',
    sql_field_truncated:
      'field "{{id}}" shares its first 63 bytes with field "{{other}}" ({{otherPath}}); PostgreSQL cuts names there and would read both from the same column. Rename one so they differ within the first 63 bytes (21 Japanese characters).',
  },
  history: {
    cmdSummary: 'list the runs of a history folder, or compare two (colour migration)',
    cmdUsage:
      'Usage: waymark history DIR [--format text|json] [--compare AS_OF_A AS_OF_B]\n\nLists the runs stored in a history folder written by waymark score --history DIR: as-of\ndate, accounts, model fingerprint, dataset and colour counts. With --compare, prints the\ncolour-migration matrix between two runs (rows: the first run, columns: the second).\nThe format of the folder is documented in docs/history-format.md.\n\nExit codes: 0 ok, 1 unreadable history, 2 usage error.\n',
    usageArgs: 'give the history folder (and, with --compare, the two as-of dates).',
    badFormat: '--format "{{value}}" is not one of text, json.',
    usageBacktest:
      'with --history give only the playbook: waymark backtest <playbook> --history DIR --as-of D --outcomes FILE --outcome FIELD --churn VALUES',
    churnValues:
      'say which values of "{{field}}" mean churn (--churn) and which mean expansion (--expansion), comma-separated. Values seen: {{values}}.',
    duplicateOutcomes:
      '{{file}}: {{count}} account(s) appear more than once ({{keys}}): which outcome is right? Keep one row per account and run again.',
    unreadable: '{{file}}: cannot read the history manifest ({{reason}}).',
    badManifest:
      '{{file}}: the history manifest is not valid JSON ({{reason}}). Restore it from a backup; the run files next to it are untouched.',
    notHistory:
      '{{file}}: not a Waymark history manifest (format "waymark-history"). Point --history at a folder written by waymark score --history.',
    newer:
      '{{file}}: written by a newer Waymark (history format {{version}}). Update Waymark to read or append to it.',
    otherProject:
      '{{dir}}: this history holds runs of the playbook "{{theirs}}", not "{{ours}}". Use another folder for this playbook; nothing was written.',
    duplicateAsOf:
      '{{file}}: the manifest lists two runs as of {{asOf}} ({{files}}). Remove one of them from manifest.json (and its run file); nothing was read or written.',
    sameAsOf:
      '{{dir}}: a run as of {{asOf}} is already stored. Score as of another date (--as-of), or remove that run first; nothing was written.',
    none: '{{dir}}: no history here (manifest.json not found). Create one with waymark score … --history {{dir}}.',
    noRun: '{{dir}}: no run as of {{asOf}}. Runs stored: {{runs}}.',
    missingFile:
      '{{file}}: the run file listed in the manifest cannot be read ({{reason}}). Restore it or remove the run from manifest.json.',
    not_parquet:
      '{{file}}: not a readable Parquet file (truncated or damaged: {{reason}}). Restore it from a backup or score that date again.',
    not_a_run:
      '{{file}}: a Parquet file, but not a Waymark run (no waymark.run metadata). Only files written by waymark score --history belong here.',
    newer_version:
      '{{file}}: written by a newer Waymark (run format {{reason}}). Update Waymark to read it.',
    appended: 'appended the run as of {{asOf}} ({{rows}} accounts) to {{dir}}',
    listHeader: 'as_of       accounts  model             dataset',
    compareTitle: 'Colour migration {{a}} → {{b}} (rows: {{a}}, columns: {{b}})',
    noScore: '(no score)',
    onlyIn: 'only in {{asOf}}: {{count}}',
  },
  bt: {
    predictive:
      'Backtest (predictive): scores as of {{asOf}} against outcomes observed as of {{observed}}.',
    descriptive:
      'Backtest (descriptive only): score and outcome come from the same moment; this does not show that the score predicts anything.',
    labels: 'Outcome field: {{field}}; churn = {{churn}}; expansion = {{expansion}}',
    join: 'Accounts with a score and an outcome: {{n}} (no outcome row: {{withoutOutcome}}; outcome for an account not scored: {{withoutPrediction}}; empty outcome: {{missing}})',
    andMore: ' … and {{count}} more',
    noOutcomeFor: 'No outcome for: {{keys}}',
    notScored: 'Not scored in the run: {{keys}}',
    base: 'Base rate: churn {{churn}} ({{churnCount}}), expansion {{expansion}} ({{expansionCount}})',
    colorHeader:
      'colour     accounts  churn [95% CI]              lift  expansion [95% CI]          lift',
    ctaHeader:
      'CTA                       fired  churn [95% CI]              lift  expansion [95% CI]          lift',
    measureHeader:
      'measure                       n  AUC vs churn [95% CI]     AUC vs expansion [95% CI]',
    aucChurn: 'AUC of the score against churn: {{auc}}',
    aucExpansion: 'AUC of the score against expansion: {{auc}}',
    churn: 'churned',
    expansion: 'expanded',
    insufficient:
      'too few outcomes to conclude ({{events}} {{kind}}, {{nonEvents}} did not; at least 10 of each are needed): no verdict.',
    predicts: 'better than chance: the whole 95% interval is above 0.5 (AUC {{auc}}).',
    no_better_than_chance:
      'not distinguishable from chance: the 95% interval includes 0.5 (AUC {{auc}}).',
    inverted: 'inverted: the 95% interval is below 0.5 (AUC {{auc}}); check measure directions.',
    concentration:
      'warning: {{percent}}% of accounts are {{color}}: the score no longer ranks them; tighten the bands or the measures.',
    method:
      '95% intervals: Wilson for rates, Hanley–McNeil (1982) for the AUC. lift = rate ÷ base rate.',
  },
  fields: {
    summary: '{{file}}: {{encoding}}, {{rows}} rows, {{count}} columns → proposed fields:',
    key: 'account key: {{key}}   company name: {{name}}',
    next: 'Save the contract as a playbook with `waymark fields {{file}} --format json --out playbook.json`, then review the types and add measures.',
    badFormat: '--format "{{value}}" is not one of table, json.',
    badEncoding: '--encoding "{{value}}" is not one of utf-8, shift_jis.',
    col: { header: 'column', id: 'id', type: 'type', why: 'why' },
    reason: {
      empty: 'no values: kept as optional text; change the type once the column is filled',
      account_key:
        'all values filled and distinct: the account key (text, so ids keep leading zeros)',
      leading_zeros: 'digits with leading zeros ({{odd}}): text, a number would lose the zeros',
      postal_code: 'postal codes (123-4567): text',
      phone: 'phone numbers: text',
      boolean: 'yes/no values: boolean',
      zero_one: 'only 0 and 1: boolean; change to integer if it counts something',
      date: 'dates',
      compact_date: '8-digit dates (YYYYMMDD): date; change to integer if they are codes',
      integer: 'whole numbers',
      number: 'numbers',
      percent: 'percentages: number with unit %, "80%" reads as 80',
      percent_mixed:
        'percentages, but {{oddCount}} cell(s) without % ({{odd}}) read as that many percent under unit % (0.8 → 0.8 %): check whether they mean 80%',
      currency: 'amounts in yen (￥, 円, separators): unit 円',
      mostly_numbers:
        'numbers, except {{oddCount}} cell(s) ({{odd}}) that will be reported as bad values on import',
      category: '{{distinct}} distinct values, repeated: category ({{values}})',
      text: 'free text',
    },
  },
  contract: {
    missingRescaled:
      '{{file}}: field "{{label}}" ({{field}}) has no column in this file: {{label}} missing for every account: its weight is rescaled away (measures: {{measures}}).',
    missingZero:
      '{{file}}: field "{{label}}" ({{field}}) has no column in this file: {{label}} missing for every account: it scores 0 points (measures: {{measures}}).',
    missingUnused:
      '{{file}}: {{count}} field(s) have no column in this file; no measure reads them, so the score is unchanged: {{fields}}.',
    unusedColumns:
      '{{file}}: {{count}} column(s) not used by any field: {{columns}}. `waymark fields {{file}}` proposes fields for them.',
    sheet: '{{file}}: read sheet "{{sheet}}" (sheets: {{sheets}}; choose another with --sheet).',
  },
} as const;
