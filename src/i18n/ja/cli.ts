// ja strings for the 'cli' namespace (the `waymark` command). Keys mirror the other language's file.
export default {
  commands: {
    validate: {
      summary: 'プレイブック (またはプロジェクト) ファイルを検査: 形式・参照・式',
      usage:
        '使い方: waymark validate <playbook.json>\n\nプレイブックファイル (またはアプリからエクスポートしたプロジェクトファイル) をプレイブック形式 v1 で検査します:\nJSON の形、ID の重複、存在しない項目・セグメント・ステージ・色・指標への参照、すべての式 (項目定義に対する型検査)。\n問題は JSON パス (例: $.ctas[2].trigger) 付きで標準エラーに出力します。\n\n終了コード: 0 有効、1 無効、2 使い方の誤り。\n',
    },
    score: {
      summary: 'プレイブックでアカウントデータを採点 (csv / json / ndjson で出力)',
      usage:
        '使い方: waymark score <playbook.json> <data.csv|.tsv|.json|.ndjson> [オプション]\n\nすべてのアカウントを採点します: セグメント、ステージとイグジットクライテリア、ヘルススコア 0–100 と色、\nカバレッジ、担当、発火した CTA。プレイブックの代わりにアプリのプロジェクトファイルも使えます。\nデータの列は項目 ID または日本語 / 英語のラベルで対応付けます。CSV は UTF-8 または Shift_JIS。\n\nオプション:\n  --as-of YYYY-MM-DD       この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --format csv|json|ndjson 出力形式 (既定: csv)\n  --out FILE               標準出力の代わりに FILE に書き出す\n  --bad-rows skip|blank    データにエラーがあっても続行: 不正な行を除く (skip) か不正なセルを空にする (blank)\n                           (既定: エラーを一覧して終了コード 1 で停止)\n\n終了コード: 0 採点完了、1 プレイブックまたはデータが不正 (エラーは標準エラー)、2 使い方の誤り。\n',
    },
    explain: {
      summary: '1 アカウントのスコア・ステージ・CTA を説明 (JSON)',
      usage:
        '使い方: waymark explain <playbook.json> <データファイル> --account ID [--as-of YYYY-MM-DD]\n\n1 アカウントの採点内容を JSON で出力します: 各指標の元の値、点数、重み、寄与 (寄与の合計がスコア)、\n現在のステージのイグジットクライテリアと参照した値、発火した各 CTA とトリガーを真にした値。\n\nオプション:\n  --account ID             アカウントキーの値 (必須)\n  --as-of YYYY-MM-DD       この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --bad-rows skip|blank    データにエラーがあっても続行 (waymark score --help を参照)\n\n終了コード: 0 成功、1 入力が不正またはアカウントがない、2 使い方の誤り。\n',
    },
    backtest: {
      summary: 'スコアを結果と照合: 色ごとの解約率・拡大率、AUC',
      usage:
        '使い方: waymark backtest <playbook.json> <データファイル> --outcome 項目 [--as-of YYYY-MM-DD]\n\nアカウントを採点し、実際の結果 (renewed / churned / expanded などの値を持つ項目) と照合します:\n色ごとの解約率と拡大率、解約に対するスコアの AUC (0.5 = 偶然と同じ)、\n1 つの色に 60% を超えるアカウントが集まったときの警告。JSON で出力します。\n\nオプション:\n  --outcome 項目           結果の項目 (必須; カテゴリまたは文字列)\n  --as-of YYYY-MM-DD       この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --bad-rows skip|blank    データにエラーがあっても続行 (waymark score --help を参照)\n\n終了コード: 0 成功、1 入力が不正、2 使い方の誤り。\n',
    },
    sql: {
      summary: 'プレイブックを DuckDB / PostgreSQL 用の 1 つの SQL クエリに変換',
      usage:
        '使い方: waymark sql <playbook.json> --dialect duckdb|postgres [オプション]\n\n`waymark score` と同じ採点を行う 1 つの SQL クエリ (CTE 付き) を出力します:\nアカウントごとのセグメント、ステージ、イグジットクライテリアの状態、指標の点数、スコア、色、担当、発火した CTA。\naccounts テーブルの列名はプレイブックの項目 ID です (日付は DATE)。\n63 バイトを超える出力列名は先頭部分 + ~ハッシュに短縮され、行はアカウント ID 順に出力されます。\n\nオプション:\n  --dialect duckdb|postgres  SQL の方言 (必須)\n  --table NAME               アカウントのテーブルまたはビュー (既定: accounts)\n  --as-of YYYY-MM-DD         この日付で採点 (既定: プレイブックの asOf、なければ今日)\n  --out FILE                 標準出力の代わりに FILE に書き出す\n\n終了コード: 0 成功、1 プレイブックが不正、2 使い方の誤り。\n',
    },
    schema: {
      summary: 'プレイブックの JSON Schema を出力 (zod モデルから生成)',
      usage:
        '使い方: waymark schema [--out FILE]\n\nプレイブックファイルの JSON Schema (draft 2020-12) をモデルから生成して出力します。\n  --out FILE   標準出力の代わりに FILE に書き出す\n',
    },
    fields: {
      summary: 'データファイルから項目定義を提案 (型・ID・ラベル・アカウントキー)',
      usage:
        '使い方: waymark fields <data.csv|.tsv|.json|.ndjson> [オプション]\n\n`waymark score` と同じ方法 (UTF-8 または Shift_JIS) でファイルを読み、列ごとに項目を提案します:\n値から判定した型 (整数、円や % 付きの数値、日付、はい/いいえ、カテゴリ、テキスト)、\n日本語または英語のラベルとしての見出し、有効な ID、アカウントキーと会社名の項目。\n各列に型の理由を示し、判断の分かれる列 (先頭 0 の ID、郵便番号、0.8 を含む % 列、\n数値の中の少数のテキスト) は何を選んだかを示します。\n\nオプション:\n  --format table|json      table: 読むための提案 (既定)、json: 項目定義を含む最小のプレイブック\n                           (そのまま `waymark score` に渡せます)\n  --encoding utf-8|shift_jis  この文字コードで読む (既定: 自動判定)\n  --name NAME              JSON のプレイブック名 (既定: ファイル名)\n  --out FILE               標準出力ではなく FILE に書き出す\n\n終了コード: 0 成功、1 読めないファイル、2 使い方の誤り。\n',
    },
  },
  usage: {
    noValue: 'オプション --{{name}} は値を取りません',
    needsValue: 'オプション --{{name}} には値が必要です',
    unknownOption: '不明なオプション --{{name}}',
    more: '… ほか {{count}} 件',
    badRows: '--bad-rows "{{value}}" は skip, blank のいずれでもありません',
    playbookAndData: 'プレイブックファイルとデータファイルを指定してください',
    onePlaybook: 'プレイブックファイルを 1 つ指定してください',
    required: '{{option}} は必須です',
    unexpected: '余分な引数 "{{arg}}"',
    badTable: '--table "{{value}}" は単純名またはスキーマ付きの名前 (英数字と _) にしてください',
    oneData: 'データファイルを 1 つ指定してください',
  },
  help: {
    intro: 'waymark — Waymark のプレイブックをアカウントデータで実行します',
    usage: '使い方: waymark <コマンド> [オプション]   (詳細は waymark <コマンド> --help)',
    commands: 'コマンド:',
  },
  error: {
    unknownCommand: '不明なコマンド "{{name}}" です。`waymark --help` で一覧を表示できます。',
    usage: '使い方の誤り: {{message}}',
    seeHelp: '`waymark {{name}} --help` で使い方を確認してください。',
    readFile: '{{file}}: ファイルを読めません ({{reason}})。パスを確認してください。',
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
      '{{date}}(今日)時点で採点します。再現できる実行には --as-of YYYY-MM-DD を指定するか、プレイブックに "asOf" を設定してください。',
    badAsOf: '--as-of "{{value}}" は YYYY-MM-DD 形式の日付ではありません。',
    badFormat: '--format "{{value}}" は csv, json, ndjson のいずれでもありません。',
    badDialect: '--dialect "{{value}}" は duckdb, postgres のいずれでもありません。',
    dataIssue: '{{where}}: {{message}}',
    dataInvalid: '{{file}}: データに {{count}} 件のエラーがあります。修正して再実行してください。',
    noAccount:
      '{{file}}: {{key}} = "{{id}}" のアカウントがありません。ID を確認してください (完全一致)。',
    unknownOutcome: '--outcome "{{field}}" はプレイブックの項目ではありません。項目: {{fields}}。',
    outcomeNotCategory:
      '--outcome "{{field}}" は renewed / churned / expanded のような値を持つカテゴリまたは文字列の項目である必要があります。',
    missingColumn:
      '{{file}}: 必須項目 "{{field}}" の列がありません。列 (ID またはラベル) を追加して再実行してください。',
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
} as const;
