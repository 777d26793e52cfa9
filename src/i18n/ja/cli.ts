// ja strings for the 'cli' namespace (the `waymark` command). Keys mirror the other language's file.
export default {
  commands: {
    validate: {
      summary: 'プレイブック (またはプロジェクト) ファイルを検査: 形式・参照・式',
      usage:
        '使い方: waymark validate <playbook.json>\n\nプレイブックファイル (またはアプリからエクスポートしたプロジェクトファイル) をプレイブック形式 (バージョン 2。バージョン 1 のファイルは移行して読みます) で検査します:\nJSON の形、ID の重複、存在しない項目・セグメント・ステージ・色・指標への参照、すべての式 (項目定義に対する型検査)。\n問題は JSON パス (例: $.ctas[2].trigger) 付きで標準エラーに出力します。\n\n終了コード: 0 有効、1 無効、2 使い方の誤り。\n',
    },
    score: {
      summary: 'プレイブックでアカウントデータを採点 (csv / json / ndjson で出力)',
      usage:
        '使い方: waymark score <playbook.json> <data.csv|.tsv|.json|.ndjson|.xlsx> [オプション]\n\nすべてのアカウントを採点します: セグメント、ステージとイグジットクライテリア、ヘルススコア 0–100 と色、\nカバレッジ、担当、発火した CTA。プレイブックの代わりにアプリのプロジェクトファイルも使えます。\nデータの列は項目 ID または日本語 / 英語のラベルで対応付けます。CSV は UTF-8 または Shift_JIS。\n\nオプション:\n  --as-of YYYY-MM-DD       この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --format csv|json|ndjson|parquet  出力形式 (既定: csv。parquet は --out が必要で、\n                           列は履歴の実行ファイルと同じ: docs/history-format.md)\n  --out FILE               標準出力の代わりに FILE に書き出す\n  --activity SOURCE=FILE   プレイブックのアクティビティソースのイベントファイル (複数指定可)\n  --history DIR            実行を履歴フォルダーにも追加する (docs/history-format.md)\n  --bad-rows skip|blank    データにエラーがあっても続行: 不正な行を除く (skip) か不正なセルを空にする (blank)\n                           (既定: エラーを一覧して終了コード 1 で停止)\n  --sheet NAME             .xlsx ブックのシート (既定: データのある最初のシート)\n  --chunk-rows N           1 回に採点して書き出すアカウント数 (既定: 65536)。入力も出力も逐次\n                           処理するため、アカウント数に上限はありません\n  --threads N|auto         全体のスレッド数: メインスレッドが読み書きし、N − 1 個が採点する (既定 1。\n                           auto: 16 MB 未満の入力は 1、それ以上はコア数、最大 4)。N によらず出力は同じ\n  --no-bom                 CSV の先頭に UTF-8 の BOM を付けない (既定では Excel が日本語を正しく\n                           読めるよう付ける。他のプログラムにパイプで渡すときに指定)\n\n終了コード: 0 採点完了、1 プレイブックまたはデータが不正 (エラーは標準エラー)、2 使い方の誤り。\n',
    },
    explain: {
      summary: '1 アカウントのスコア・ステージ・CTA を説明 (JSON)',
      usage:
        '使い方: waymark explain <playbook.json> <データファイル> --account ID [--as-of YYYY-MM-DD]\n\n1 アカウントの採点内容を JSON で出力します: 各指標の元の値、点数、重み、寄与 (寄与の合計がスコア)、\n現在のステージのイグジットクライテリアと参照した値、発火した各 CTA とトリガーを真にした値。\n\nオプション:\n  --account ID             アカウントキーの値 (必須)\n  --as-of YYYY-MM-DD       この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --activity SOURCE=FILE   プレイブックのアクティビティソースのイベントファイル (複数指定可)\n  --bad-rows skip|blank    データにエラーがあっても続行 (waymark score --help を参照)\n\n終了コード: 0 成功、1 入力が不正またはアカウントがない、2 使い方の誤り。\n',
    },
    backtest: {
      summary: 'スコアを結果と照合: 色ごとの解約率・拡大率、AUC',
      usage:
        '使い方: waymark backtest <playbook.json> --history DIR --as-of D --outcomes FILE --outcome FIELD\n                   --churn 値 [--expansion 値] [--observed-at D] [--format text|json]\n         waymark backtest <playbook.json> <データファイル> --outcome FIELD --churn 値 [...]\n\n1 つ目は予測の答え合わせです: 履歴 (waymark score --history DIR が書いたもの) の基準日 D の\n実行を予測とし、その後に観測した FILE の結果とアカウントキーで突き合わせます (突き合わせ\nできないアカウントは件数と一覧を表示、重複したキーはエラー)。2 つ目は同じファイルの結果と\n比べるもので、記述にすぎません。\n基準率、色ごと・CTA ごとの解約率と拡大率 (95% Wilson 区間とリフト)、AUC (95%\nHanley–McNeil 区間)、指標ごとの AUC を表示し、両側に 10 アカウント以上あるときだけ判定します。\n\nオプション:\n  --outcome FIELD          結果の項目 (必須。カテゴリまたは文字列)\n  --churn 値               解約を意味する値 (カンマ区切り、例: 解約)\n  --expansion 値           拡大を意味する値 (カンマ区切り、例: 拡大)\n  --history DIR            履歴フォルダー。--as-of で実行を選びます\n  --outcomes FILE          FIELD を含む後日のデータファイル\n  --observed-at D          結果を観測した日 (既定: 今日)\n  --as-of YYYY-MM-DD       使う実行 (--history のとき) または採点の基準日\n  --format text|json       読みやすい表 (既定) またはすべてを JSON で\n  --activity SOURCE=FILE   プレイブックのアクティビティソースのイベントファイル (複数指定可)\n  --bad-rows skip|blank    データのエラーがあっても続ける (waymark score --help を参照)\n\n終了コード: 0 成功、1 入力が不正、2 使い方の誤り。\n',
    },
    sql: {
      summary: 'プレイブックを DuckDB / PostgreSQL 用の 1 つの SQL クエリに変換',
      usage:
        '使い方: waymark sql <playbook.json> --dialect duckdb|postgres [オプション]\n\n`waymark score` と同じ採点を行う 1 つの SQL クエリ (CTE 付き) を出力します:\nアカウントごとのセグメント、ステージ、イグジットクライテリアの状態、指標の点数、スコア、色、担当、発火した CTA。\naccounts テーブルの列名はプレイブックの項目 ID です (日付は DATE)。\n63 バイトを超える出力列名は先頭部分 + ~ハッシュに短縮され、行はアカウント ID 順に出力されます。\n\nオプション:\n  --dialect duckdb|postgres  SQL の方言 (必須)\n  --table NAME               アカウントのテーブルまたはビュー (既定: accounts)\n  --history-table NAME       代わりに CREATE TABLE IF NOT EXISTS NAME と、この実行を追記する\n                             INSERT を出力します。列は履歴の Parquet ファイルと同じです\n                             (docs/history-format.md)\n  --as-of YYYY-MM-DD         この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --out FILE                 標準出力の代わりに FILE に書き出す\n\n終了コード: 0 成功、1 プレイブックが不正、2 使い方の誤り。\n',
    },
    schema: {
      summary: 'プレイブックの JSON Schema を出力 (zod モデルから生成)',
      usage:
        '使い方: waymark schema [--out FILE]\n\nプレイブックファイルの JSON Schema (draft 2020-12) をモデルから生成して出力します。\n  --out FILE   標準出力の代わりに FILE に書き出す\n',
    },
    fields: {
      summary: 'データファイルから項目定義を提案 (型・ID・ラベル・アカウントキー)',
      usage:
        '使い方: waymark fields <data.csv|.tsv|.json|.ndjson|.xlsx> [オプション]\n\n`waymark score` と同じ方法 (UTF-8 または Shift_JIS) でファイルを読み、列ごとに項目を提案します:\n値から判定した型 (整数、円や % 付きの数値、日付、はい/いいえ、カテゴリ、テキスト)、\n日本語または英語のラベルとしての見出し、有効な ID、アカウントキーと会社名の項目。\n各列に型の理由を示し、判断の分かれる列 (先頭 0 の ID、郵便番号、0.8 を含む % 列、\n数値の中の少数のテキスト) は何を選んだかを示します。\n\nオプション:\n  --format table|json      table: 読むための提案 (既定)、json: 項目定義を含む最小のプレイブック\n                           (そのまま `waymark score` に渡せます)\n  --encoding utf-8|shift_jis  この文字コードで読む (既定: 自動判定)\n  --sheet NAME             .xlsx ブックのシート (既定: データのある最初のシート)\n  --name NAME              JSON のプレイブック名 (既定: ファイル名)\n  --out FILE               標準出力ではなく FILE に書き出す\n\n終了コード: 0 成功、1 読めないファイル、2 使い方の誤り。\n',
    },
    lint: {
      summary: 'PReP 図の指摘を JSON・Markdown・CSV で出力 (エラーの指摘があれば終了コード 1)',
      usage:
        '使い方: waymark lint <project.json> [--diagram ID] [--preset {{presetChoices}}]\n                    [--format json|md|csv] [--lang ja|en] [--include-dismissed]\n                    [--no-bom]\n\nPReP 図のルール (属人化、インプット不足、ノウハウの欠落、調整のボトルネック、手戻りループ、\n孤立した成果物、担当者未登録) を実行し、指摘を影響の大きい順に、顧客に尋ねる質問とともに出力します。\n  --diagram ID         この図だけ (id または正確な名前)。既定: すべての図\n  --preset NAME        重大度のプリセット: {{presets}} (既定: recommended)\n  --format FORMAT      json (既定。メッセージは英語と日本語の両方)、md または csv (顧客に渡す\n                       指摘一覧。1 つの言語で)\n  --lang ja|en         md / csv の一覧の言語 (既定: CLI の言語)\n  --include-dismissed  エディターで却下した指摘も再び数える (一覧にはどちらの場合も載ります)\n  --no-bom             Excel に必要な UTF-8 の BOM を CSV に付けない (他のプログラムにパイプで渡すとき)\n終了コード: 0 エラーの指摘なし、1 エラーの指摘あり (却下していないもの) または不正なファイル、2 使い方の誤り。\n',
    },
  },
  usage: {
    noValue: 'オプション --{{name}} は値を取りません',
    needsValue: 'オプション --{{name}} には値が必要です',
    unknownOption: '不明なオプション --{{name}}',
    more: '… ほか {{count}} 件',
    badLimits:
      'WAYMARK_IMPORT_LIMITS「{{value}}」は {"maxRowBytes": 1000000} のような JSON にしてください (maxFileBytes、maxRowBytes、maxJsonDepth: 正の数)',
    badRows: '--bad-rows "{{value}}" は skip, blank のいずれでもありません',
    chunkRows: '--chunk-rows "{{value}}" は 1 以上の整数ではありません',
    threads:
      '--threads "{{value}}" は 1 から {{max}} までの整数 (または auto) ではありません。例: --threads 4',
    parquetNeedsOut:
      '--format parquet はバイナリファイルを書きます。--out FILE で出力先を指定してください。',
    playbookAndData: 'プレイブックファイルとデータファイルを指定してください',
    onePlaybook: 'プレイブックファイルを 1 つ指定してください',
    required: '{{option}} は必須です',
    unexpected: '余分な引数 "{{arg}}"',
    badTable: '--table "{{value}}" は単純名またはスキーマ付きの名前 (英数字と _) にしてください',
    badActivity:
      '--activity「{{value}}」は SOURCE=FILE の形で指定してください（プレイブックのアクティビティソースID=ファイル）',
    oneData: 'データファイルを 1 つ指定してください',
    oneProject: 'プロジェクトファイル <project.json> を指定してください',
  },
  help: {
    intro: 'waymark — Waymark のプレイブックをアカウントデータで実行します',
    usage: '使い方: waymark <コマンド> [オプション]   (詳細は waymark <コマンド> --help)',
    commands: 'コマンド:',
  },
  note: {
    sources:
      'waymark: dist-cli/ のビルド済み CLI よりソースが新しい (またはビルドがない) ため、TypeScript のソースから実行しています (起動が遅くなります: 約 0.5 秒)。`npm run build:cli` で作り直せます。WAYMARK_CLI_SOURCES=1 ならこの表示なしでソースから実行します。',
  },
  error: {
    unknownCommand: '不明なコマンド "{{name}}" です。`waymark --help` で一覧を表示できます。',
    usage: '使い方の誤り: {{message}}',
    seeHelp: '`waymark {{name}} --help` で使い方を確認してください。',
    readFile: '{{file}}: ファイルを読めません ({{reason}})。パスを確認してください。',
    outOfMemory:
      '{{file}}: ファイル ({{size}}) が使えるメモリに収まりません。小さなファイルに分ける (アカウントキーで結合されます) か、`waymark sql` でデータベースの中で採点してください。',
    writeFile:
      '{{file}}: ファイルに書き込めません ({{reason}})。フォルダーが存在し書き込み可能か確認してください。',
    badJson:
      '{{file}}: JSON として不正です ({{reason}})。ファイルを修正するか Waymark から再エクスポートしてください。',
    notPlaybook:
      '{{file}}: Waymark のプレイブック (format "waymark-playbook") でもプロジェクトファイル (schemaVersion) でもありません。Waymark からプレイブックをエクスポートしてください。',
    issue: '{{file}} {{path}}: {{message}}',
    invalidPlaybook:
      '{{file}}: プレイブックに {{count}} 件の問題があります。修正して再実行してください。',
    asOfToday:
      '{{date}}(今日、タイムゾーン {{zone}})時点で採点します。再現できる実行には --as-of YYYY-MM-DD を指定するか、プレイブックに "asOf" を設定してください。',
    badAsOf: '--as-of "{{value}}" は YYYY-MM-DD 形式の日付ではありません。',
    badFormat: '--format "{{value}}" は csv, json, ndjson, parquet のいずれでもありません。',
    badDialect: '--dialect "{{value}}" は duckdb, postgres のいずれでもありません。',
    dataIssue: '{{where}}: {{message}}',
    dataInvalid: '{{file}}: データに {{count}} 件のエラーがあります。修正して再実行してください。',
    partialOutput:
      'このエラーの前に {{rows}} 行のスコアを標準出力に書き出しました。その出力は不完全です。実行全体が成功したときだけファイルを得るには --out FILE を使ってください。',
    noAccount:
      '{{file}}: {{key}} = "{{id}}" のアカウントがありません。ID を確認してください (完全一致)。',
    unknownOutcome: '--outcome "{{field}}" はプレイブックの項目ではありません。項目: {{fields}}。',
    outcomeNotCategory:
      '--outcome "{{field}}" は renewed / churned / expanded のような値を持つカテゴリまたは文字列の項目である必要があります。',
    missingColumn:
      '{{file}}: 必須項目 "{{field}}" の列がありません。列 (ID またはラベル) を追加して再実行してください。',
    activityStopped:
      '{{file}}: エラーのあるアクティビティ行が {{count}} 件あります。修正するか、--bad-rows skip を指定して除外してください。',
  },
  ok: {
    valid:
      '{{file}}: 有効なプレイブック「{{name}}」(指標 {{measures}}、ステージ {{stages}}、CTA {{ctas}})。',
    wrote: '{{rows}} アカウントを {{file}} に書き出しました',
    warning: '警告: {{message}}',
  },
  sqlIssue: {
    refused:
      '{{file}}: {{count}} 件の値は {{dialect}} の SQL として安全に書けないため、何も出力しませんでした。修正して再実行してください。',
    sql_nul:
      'NUL 文字 (U+0000、JSON では "\\u0000") を含んでいます。PostgreSQL の文字列には保存できず、SQL クライアントはそこでクエリを打ち切ります。取り除いてください。',
    sql_surrogate:
      '対になっていない UTF-16 サロゲート (JSON では "\\ud800" など) を含んでいます。Unicode の文字ではなく U+FFFD として書かれてしまいます。取り除くか、文字全体を書いてください。',
    sql_field_case:
      '項目 "{{id}}" は項目 "{{other}}" ({{otherPath}}) と大文字・小文字だけが違います。DuckDB では両方が同じ列を読みます。どちらかの ID を変えてください。',
    sql_field_truncated:
      '項目 "{{id}}" は項目 "{{other}}" ({{otherPath}}) と先頭 63 バイトが同じです。PostgreSQL は名前をそこで切るため、両方が同じ列を読みます。先頭 63 バイト (日本語 21 文字) 以内で違う ID にしてください。',
  },
  history: {
    cmdSummary: '履歴フォルダーの実行を一覧する、または 2 つを比較する (色の移動)',
    cmdUsage:
      '使い方: waymark history DIR [--format text|json] [--compare 基準日A 基準日B]\n\nwaymark score --history DIR が書いた履歴フォルダーの実行を一覧します: 基準日、\nアカウント数、モデルの指紋、データセット、色ごとの件数。--compare では 2 つの実行の\n色の移動マトリクスを表示します (行: 1 つ目の実行、列: 2 つ目)。\nフォルダーの形式は docs/history-format.md にあります。\n\n終了コード: 0 成功、1 履歴を読めない、2 使い方の誤り。\n',
    usageArgs: '履歴フォルダー (--compare では 2 つの基準日も) を指定してください。',
    badFormat: '--format "{{value}}" は text, json のいずれでもありません。',
    usageBacktest:
      '--history ではプレイブックだけを指定します: waymark backtest <playbook> --history DIR --as-of D --outcomes FILE --outcome FIELD --churn 値',
    churnValues:
      '"{{field}}" のどの値が解約 (--churn) でどの値が拡大 (--expansion) かをカンマ区切りで指定してください。出現した値: {{values}}。',
    duplicateOutcomes:
      '{{file}}: {{count}} 件のアカウントが複数回現れます ({{keys}})。どの結果が正しいか決められません。アカウントごとに 1 行にしてもう一度実行してください。',
    unreadable: '{{file}}: 履歴のマニフェストを読めません ({{reason}})。',
    badManifest:
      '{{file}}: 履歴のマニフェストが正しい JSON ではありません ({{reason}})。バックアップから戻してください。同じフォルダーの実行ファイルは変更されていません。',
    notHistory:
      '{{file}}: Waymark の履歴マニフェスト (format "waymark-history") ではありません。--history には waymark score --history が書いたフォルダーを指定してください。',
    newer:
      '{{file}}: 新しい Waymark で書かれています (履歴形式 {{version}})。読み書きするには Waymark を更新してください。',
    otherProject:
      '{{dir}}: この履歴はプレイブック「{{theirs}}」の実行を保存しています (「{{ours}}」ではありません)。このプレイブックには別のフォルダーを使ってください。何も書き込んでいません。',
    duplicateAsOf:
      '{{file}}: マニフェストに基準日 {{asOf}} の実行が 2 つあります ({{files}})。manifest.json からどちらか一方 (とその実行ファイル) を削除してください。何も読み書きしていません。',
    sameAsOf:
      '{{dir}}: 基準日 {{asOf}} の実行はすでに保存されています。別の日付 (--as-of) で採点するか、先にその実行を削除してください。何も書き込んでいません。',
    none: '{{dir}}: 履歴がありません (manifest.json が見つかりません)。waymark score … --history {{dir}} で作成してください。',
    noRun: '{{dir}}: 基準日 {{asOf}} の実行はありません。保存済みの実行: {{runs}}。',
    missingFile:
      '{{file}}: マニフェストにある実行ファイルを読めません ({{reason}})。ファイルを戻すか、manifest.json からその実行を削除してください。',
    not_parquet:
      '{{file}}: 読み取れる Parquet ファイルではありません (途中で切れているか壊れています: {{reason}})。バックアップから戻すか、その日付でもう一度採点してください。',
    not_a_run:
      '{{file}}: Parquet ファイルですが Waymark の実行ではありません (waymark.run メタデータがありません)。',
    newer_version:
      '{{file}}: 新しい Waymark で書かれています (実行形式 {{reason}})。読むには Waymark を更新してください。',
    appended: '基準日 {{asOf}} の実行 ({{rows}} アカウント) を {{dir}} に追加しました',
    listHeader: 'as_of       accounts  model             dataset',
    compareTitle: '色の移動 {{a}} → {{b}} (行: {{a}}、列: {{b}})',
    noScore: '(スコアなし)',
    onlyIn: '{{asOf}} のみ: {{count}}',
  },
  bt: {
    predictive:
      '答え合わせ (予測): 基準日 {{asOf}} のスコアを {{observed}} 時点で観測した結果と照合。',
    descriptive:
      '答え合わせ (記述のみ): スコアと結果が同じ時点のもので、スコアが何かを予測できることは示しません。',
    labels: '結果の項目: {{field}}、解約 = {{churn}}、拡大 = {{expansion}}',
    join: 'スコアと結果があるアカウント: {{n}} (結果の行なし: {{withoutOutcome}}、採点されていないアカウントの結果: {{withoutPrediction}}、結果が空欄: {{missing}})',
    andMore: ' … ほか {{count}} 件',
    noOutcomeFor: '結果なし: {{keys}}',
    notScored: '実行で採点されていない: {{keys}}',
    base: '基準率: 解約 {{churn}} ({{churnCount}})、拡大 {{expansion}} ({{expansionCount}})',
    colorHeader:
      'colour     accounts  churn [95% CI]              lift  expansion [95% CI]          lift',
    ctaHeader:
      'CTA                       fired  churn [95% CI]              lift  expansion [95% CI]          lift',
    measureHeader:
      'measure                       n  AUC vs churn [95% CI]     AUC vs expansion [95% CI]',
    aucChurn: '解約に対するスコアの AUC: {{auc}}',
    aucExpansion: '拡大に対するスコアの AUC: {{auc}}',
    churn: '解約',
    expansion: '拡大',
    insufficient:
      '結論を出すには結果が少なすぎます ({{kind}} {{events}}、それ以外 {{nonEvents}}。それぞれ少なくとも 10 必要): 判定なし。',
    predicts: '偶然より良い: 95% 区間全体が 0.5 を上回っています (AUC {{auc}})。',
    no_better_than_chance: '偶然と区別できません: 95% 区間が 0.5 を含みます (AUC {{auc}})。',
    inverted: '逆転: 95% 区間が 0.5 を下回っています (AUC {{auc}})。指標の向きを確認してください。',
    concentration:
      '警告: アカウントの {{percent}}% が {{color}} です。スコアが順位付けできていません。区分か指標を見直してください。',
    method: '95% 区間: 率は Wilson、AUC は Hanley–McNeil (1982)。リフト = 率 ÷ 基準率。',
  },
  fields: {
    summary: '{{file}}: {{encoding}}、{{rows}} 行、{{count}} 列 → 提案する項目:',
    key: 'アカウントキー: {{key}}   会社名: {{name}}',
    next: '`waymark fields {{file}} --format json --out playbook.json` で項目定義をプレイブックとして保存し、型を確認して指標を追加してください。',
    badFormat: '--format "{{value}}" は table、json のいずれでもありません。',
    badEncoding: '--encoding "{{value}}" は utf-8、shift_jis のいずれでもありません。',
    col: { header: '列', id: 'ID', type: '型', why: '理由' },
    reason: {
      empty: '値がありません: 任意のテキストとします。列に値が入ったら型を変えてください',
      account_key: 'すべて入力済みで重複なし: アカウントキー (先頭の 0 を残すためテキスト)',
      leading_zeros: '先頭が 0 の数字 ({{odd}}): 数値にすると 0 が消えるためテキスト',
      postal_code: '郵便番号 (123-4567): テキスト',
      phone: '電話番号: テキスト',
      boolean: 'はい/いいえの値: 真偽値',
      zero_one: '0 と 1 のみ: 真偽値。件数などを表すなら整数に変えてください',
      date: '日付',
      compact_date: '8 桁の日付 (YYYYMMDD): 日付。コードなら整数に変えてください',
      integer: '整数',
      number: '数値',
      percent: '割合: 単位 % の数値。"80%" は 80 と読みます',
      percent_mixed:
        '割合ですが、% のないセル {{oddCount}} 件 ({{odd}}) は単位 % のもとでその数の % と読まれます (0.8 → 0.8 %)。80% の意味か確認してください',
      currency: '円の金額 (￥、円、桁区切り): 単位 円',
      mostly_numbers:
        '数値。ただし {{oddCount}} 件のセル ({{odd}}) は取り込み時に不正な値として報告されます',
      category: '{{distinct}} 種類の値が繰り返し出現: カテゴリ ({{values}})',
      text: '自由記述のテキスト',
    },
  },
  contract: {
    missingRescaled:
      '{{file}}: 項目「{{label}}」({{field}}) の列がこのファイルにありません: {{label}} がすべてのアカウントで欠損: その重みは他の指標に按分されます (指標: {{measures}})。',
    missingZero:
      '{{file}}: 項目「{{label}}」({{field}}) の列がこのファイルにありません: {{label}} がすべてのアカウントで欠損: 0 点として採点されます (指標: {{measures}})。',
    missingUnused:
      '{{file}}: 列がこのファイルにない項目が {{count}} 個あります。どの指標も読まないため、スコアは変わりません: {{fields}}。',
    unusedColumns:
      '{{file}}: どの項目にも使われていない列が {{count}} 個あります: {{columns}}。`waymark fields {{file}}` で項目の案を出せます。',
    sheet:
      '{{file}}: シート「{{sheet}}」を読みました (シート: {{sheets}}。別のシートは --sheet で指定)。',
  },
} as const;
