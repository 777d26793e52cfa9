// ja strings for the 'data' namespace. Keys mirror the other language's file.
export default {
  title: 'アカウントデータ',
  intro:
    'CRM のエクスポート、製品利用状況、イベント参加などのファイル (CSV・TSV・JSON・NDJSON の UTF-8 または Shift_JIS、Excel の .xlsx) を取り込みます。複数ファイルはアカウントキーで、キーがなければ会社名で名寄せします。',
  current: {
    title: '現在のデータセット',
    none: 'データセットはまだありません。ファイルを取り込むとアカウントを採点できます。',
    loading: 'データセットを読み込み中…',
    rows: '{{formatted}} アカウント',
    columns: '{{count}} 項目',
    created: '{{date}} に取り込み',
    sources: '取り込み元',
    source: '{{file}} — {{encoding}}、{{rows}} 行',
    preview: '先頭の行',
  },
  drop: {
    title: 'ここにファイルをドロップ',
    or: 'または',
    choose: 'ファイルを選択…',
    hint: '最初のファイルが基準 (例: CRM エクスポート) になり、ほかのファイルはそのアカウントに項目を追加します。',
  },
  demo: {
    title: 'デモデータ',
    rows: 'アカウント数',
    seed: 'シード',
    generate: 'デモアカウントを生成',
  },
  preview: {
    sheet: 'シート',
    title: 'プレビューと列の対応付け',
    format: '形式',
    encoding: '文字コード',
    delimiter: '区切り文字',
    header: 'ヘッダー行',
    yes: 'あり',
    no: 'なし',
    estimated: '約 {{count}} 行',
    field: '項目',
    column: 'ファイルの列',
    sample: '例',
    notMapped: '— このファイルにはない —',
    required: '必須',
    key: 'アカウントキー',
    remove: 'ファイルを外す',
    unmapped: '使わない列: {{list}}',
  },
  formats: { csv: 'CSV', tsv: 'TSV', json: 'JSON', ndjson: 'NDJSON', xlsx: 'Excel (.xlsx)' },
  encodings: { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM 付き)', shift_jis: 'Shift_JIS (CP932)' },
  delimiters: { comma: 'カンマ', tab: 'タブ', semicolon: 'セミコロン', pipe: 'パイプ' },
  actions: {
    import: 'チェックして取り込む',
    cancel: 'キャンセル',
    save: '{{count}} アカウントを保存',
    saveSkipping: '{{count}} アカウントを保存 (エラーのある {{bad}} 行は除外)',
    keepBlank: 'エラーの行も残し、不正なセルを空にする',
    fixMapping: '対応付けを直す',
    discard: '破棄',
  },
  progress: {
    reading: 'ファイルを読み込み中…',
    parsing: '{{file}} を解析中… {{percent}}%',
    saving: 'データセットを保存中…',
    generating: 'デモアカウントを生成中…',
  },
  stalled: {
    title: '取り込みの応答が止まっています',
    body: '{{file}} の取り込みから {{seconds}} 秒間進捗がありません（最後は {{percent}}%）。このまま終わることもあれば、止まったままのこともあります。',
    unchanged: '保存済みのデータは何も変更されていません。',
    wait: 'このまま待つ',
    cancel: 'キャンセル（プレビューに戻る）',
    retry: 'もう一度取り込む',
  },
  report: {
    title: '検証レポート',
    rowsRead: '読み込んだ行',
    imported: '取り込むアカウント',
    badRows: 'エラーのある行',
    errors: 'エラー',
    warnings: '警告',
    duplicates: '重複 ID',
    firstIssues: '最初の問題',
    row: '行',
    column: '列',
    field: '項目',
    value: '値',
    problem: '問題',
    clean: '問題は見つかりませんでした。',
    more: '…ほか {{count}} 件',
    missingRescaled:
      '{{label}} がすべてのアカウントで欠損: その重みは他の指標に按分されます (指標: {{measures}})。',
    missingZero:
      '{{label}} がすべてのアカウントで欠損: 0 点として採点されます (指標: {{measures}})。',
    missingFields: 'このファイルにない項目: {{list}}',
    policySkip: 'エラーのある行は取り込みません。',
    policyBlank: '不正なセルを空にして行を残します。',
    kept: '保存するまで、保存済みのデータセットは変わりません。',
    parts: '{{count}} 分割して並列に読み込みました。結果は一括で読み込んだ場合と同じです。',
  },
  join: {
    title: 'ファイルの名寄せ',
    source: '{{name}}: {{rows}} 行 — ID で {{byKey}}、会社名で {{byName}}、一致なし {{unmatched}}',
    review: '確認が必要な一致 ({{count}})',
    kinds: {
      normalised: '正規化すると同じ社名',
      ambiguous: '同じ社名のアカウントが複数 (結合していません)',
      similar: '表記が似ている (結合していません)',
    },
    sourceName: '{{source}} 側',
    baseName: 'アカウント',
  },
  failed: {
    title: 'ファイルを取り込めませんでした',
    unchanged: '保存済みのデータセットは変わっていません。',
  },
  saved: 'データセットを保存しました: {{formatted}} アカウント。',
  cancelled: '取り込みをキャンセルしました。保存済みのデータセットは変わっていません。',
  issue: {
    empty_file:
      '{{file}} は空です。データをもう一度エクスポートして、そのファイルを選んでください。',
    no_rows: '{{file}} にはヘッダーだけでデータ行がありません。',
    binary_file:
      '{{file}} は {{kind}} ファイルで、CSV・TSV・JSON・NDJSON のテキストではありません。シートを CSV (UTF-8 または Shift_JIS) で書き出してください。',
    bad_encoding:
      '{{file}} は UTF-8 でも Shift_JIS でもありません (最初の不正なバイト: オフセット {{offset}})。UTF-8 の CSV で保存し直してください。',
    bad_json:
      '{{file}}: JSON として読めません ({{detail}})。ファイルを直すか、もう一度書き出してください。',
    json_shape:
      '{{file}}: オブジェクトの配列 (1 アカウント 1 件) か {"rows": [...]} が必要ですが、{{what}} でした。',
    ragged_row:
      'この行の項目数は {{found}} で、ヘッダーの {{expected}} と合いません。引用符のないカンマや閉じていない引用符を確認してください。',
    unterminated_quote:
      '{{file}} の {{row}} 行目 (ファイルの {{line}} 行) で引用符で始まる項目が閉じていないため、それ以降を読めませんでした。不足している " を足すか、余分な " を消してください。',
    bad_number: '「{{raw}}」は数値ではありません。1234、1,234、80% のように書いてください。',
    bad_integer: '「{{raw}}」は整数ではありません。',
    bad_date:
      '「{{raw}}」は日付ではありません。2024-03-09、2024/3/9、2024年3月9日 のように書いてください。',
    bad_boolean:
      '「{{raw}}」ははい/いいえとして読めません。TRUE/FALSE、yes/no、はい/いいえ、1/0 を使ってください。',
    bad_category: '「{{raw}}」は許可された値 ({{allowed}}) ではありません。書かれたまま残します。',
    missing_required: '空ですが、必須項目です。',
    required_unmapped:
      '必須項目「{{field}}」に対応する列が {{file}} にありません。対応付けるか、別のファイルから補ってください。',
    key_unmapped:
      '{{file}} のどの列もアカウントキー「{{field}}」に対応付けられていません。次のどれかを対応付けてください: {{headers}}。',
    duplicate_key: 'アカウント ID「{{raw}}」が重複しています (最初は {{firstRow}} 行目)。',
    formula_cell:
      '「{{raw}}」は表計算の数式のように始まります。文字として残し、書き出し時に無害化します。',
    file_too_large:
      '{{file}} は {{size}} で、一度に取り込める {{limit}} を超えています。小さなファイルに分けて取り込む (アカウントキーで結合されます) か、`waymark sql` でデータベースの中で採点してください。',
    file_changed:
      '{{file}} は選んだ後にディスク上で変更された (または移動・削除された) ため、取り込みませんでした。もう一度選んでください。列が同じなら、設定した列の対応はそのまま使います。',
    text_too_large:
      '{{file}} ({{size}}、{{encoding}}) は大きすぎて 1 つのテキストとして読めません。UTF-8 の CSV で保存し直すか、小さなファイルに分けてください。',
    row_too_long:
      '{{file}} の {{row}} 行目 (ファイルの {{line}} 行) が {{limit}} を超えて長いため、ファイルを読めませんでした。改行が認識されていない (区切り文字と、CSV・TSV・JSON・NDJSON のテキストであることを確認してください) か、引用符 (") が閉じていない可能性があります。ファイルを直すか、もう一度書き出してください。',
    json_too_deep:
      '{{file}} の {{line}} 行 {{column}} 列 ({{path}}): 配列とオブジェクトが {{max}} 階層より深く入れ子になっています。アカウントデータは 1 アカウント 1 オブジェクトで、値は入れ子にしません。入れ子をなくして書き出し直してください。',
    mixed_encoding:
      '{{file}} は文字コードが混在しています: {{count}} 行が他の行 ({{rest}}) と違います (行 {{lines}})。どちらで読んでもその行が文字化けします。ファイル全体を 1 つの文字コード (UTF-8 推奨) で保存し直してください。',
    number_out_of_range:
      '「{{raw}}」は扱える数値の範囲 (約 ±1.8e308) を超えているため保存できません。値を確認してください。これほど大きな値は、たいてい単位か書き出しの誤りです。',
    imprecise_number:
      '数値 {{raw}} は JSON の数値が正確に保てる桁数 (約 15 桁) を超えているため保存しませんでした。ID やコードは JSON の文字列 ("…") で書いてください。',
    xlsx_not_zip:
      '{{file}}: 拡張子は .xlsx ですが Excel ブックではありません（先頭: {{start}}）。Excel で .xlsx または CSV として保存し直してから取り込んでください。',
    xlsx_encrypted:
      '{{file}}: このブックはパスワードで保護（暗号化）されているため読めません。Excel で開いてパスワードを解除する（ファイル → 情報 → ブックの保護）か、CSV として保存したものを取り込んでください。',
    xlsx_damaged:
      '{{file}}: ブックを展開できません（{{reason}}、{{size}} バイト）。ファイルが途中で切れているか壊れています。Excel で保存し直す（またはエクスポートし直す）してから新しいファイルを取り込んでください。',
    xlsx_empty_sheet:
      '{{file}}: シート「{{sheet}}」にセルがありません（シート: {{sheets}}）。アカウントが入っているシートを選んでください。',
    xlsx_no_sheet:
      '{{file}}: ブックにシート「{{sheet}}」がありません（シート: {{sheets}}）。この中から選んでください。',
    percent_mixed:
      '{{file}} → {{field}}: 単位「%」の項目ですが、列に % 付きのセル {{percent}} 件（例: 「{{percentExample}}」）と % なしの小数 {{bare}} 件（例: 「{{bareExample}}」は割合ではなく {{bareExample}} % と読まれます）が混在しています。すべてのセルを同じ書き方（80% または 80）にそろえて取り込み直してください。',
    truncated_record:
      '{{file}}: ファイルが {{offset}} バイト目、{{row}} 行目の途中で終わっています。この行は見出しの {{expected}} 列のうち {{found}} 列しかなく、後ろに改行もありません。ダウンロードやエクスポートが途中で止まり、ファイルが切れています (後ろの行も欠けているかもしれません)。ファイル全体をもう一度エクスポート (またはダウンロード) して取り込んでください。',
    truncated_quote:
      '{{file}}: ファイルが {{offset}} バイト目、{{row}} 行目 ({{line}} 行) の引用符で囲まれた値の途中で終わっていて、後ろに改行もありません。ダウンロードやエクスポートが途中で止まり、ファイルが切れています (後ろの行も欠けているかもしれません)。ファイル全体をもう一度エクスポート (またはダウンロード) して取り込んでください。',
    truncated_file:
      '{{file}} は {{offset}} バイト目で文字の途中で終わっています ({{encoding}})。コピーやエクスポートが途中で止まり、ファイルが切れています。ファイル全体をもう一度エクスポート (またはコピー) して取り込んでください。',
    storage_failed:
      'このブラウザにデータセットを保存できませんでした ({{detail}})。空き容量を増やす (古いプロジェクトやデータセットを削除する、保存容量を許可する) か、行数を減らして取り込んでください。保存済みのデータセットは変わっていません。',
  },
  activity: {
    where: '{{file}} {{row}}行目 {{column}}列（{{header}}）',
    activity_missing_column:
      '{{file}}: アクティビティソース「{{source}}」には列 {{columns}} が必要ですが、ファイルにありません（列: {{headers}}）。列名を変えるか、プレイブックで列名を指定してください。',
    activity_no_name_field:
      '{{file}}: アクティビティソース「{{source}}」は会社名で紐付けますが、プレイブックに会社名のフィールド（fields.nameField）がありません。',
    activity_bad_time:
      '{{where}}: 「{{raw}}」は日付・日時として読めません（2026-11-23、2026-11-23 09:30、2026/11/23 9:30、2026年11月23日 のように書いてください）。このイベントは除外しました。',
    activity_unknown_account:
      '{{where}}: 「{{raw}}」に一致するアカウントがアカウントデータにありません。このイベントは除外しました。',
    activity_ambiguous_account:
      '{{where}}: 「{{raw}}」は名寄せ後に {{count}} 件のアカウントに一致します。このイベントは除外しました。アカウントキーを使ってください。',
    activity_future:
      '{{where}}: 「{{raw}}」は基準日 {{asOf}} より後です。この実行では除外しました。',
    activity_bad_value:
      '{{where}}: 「{{raw}}」は属性「{{attribute}}」の {{type}} として正しくありません。値は欠損として扱います。',
    activity_source_absent:
      'プレイブックはアクティビティソース「{{source}}」を使いますが、そのファイルが指定されていません。--activity {{source}}=ファイル を追加してください。',
    activity_unknown_source:
      '--activity {{source}}=…: プレイブックにアクティビティソース「{{source}}」はありません（宣言済み: {{sources}}）。',
    activity_same_file:
      '{{file}} は {{other}} と同じ内容です（ソース「{{source}}」）: 同じファイルを2回読むとイベントが二重に数えられます。このファイルは読み込んでいません。各ファイルは1回だけ指定してください。',
    activity_no_files:
      '--activity {{source}}={{pattern}}: 一致するアクティビティファイル（.csv, .tsv, .txt, .tab, .json, .ndjson, .jsonl）がありません。',
    activity_overlap:
      '{{file}} のイベント期間 {{from}}〜{{to}} が、ソース「{{source}}」の {{other}}（{{otherFrom}}〜{{otherTo}}）と重なっています: ファイル間で同じ行が重複していると、そのイベントは二重に数えられます。エクスポートを確認してください。',
    summary:
      '{{file}}（{{source}}）: {{rows}} 件中 {{kept}} 件を集計。アカウント不明 {{unknownAccount}}、曖昧 {{ambiguousAccount}}、日時不正 {{badTime}}、基準日より後 {{future}}、値不正 {{badValues}}。',
  },
  addFields: {
    title: 'このファイルの {{count}} 列はどの項目にも使われていません',
    hint: '値から読み取った型で項目として追加し (1 回で元に戻せます)、もう一度取り込みます。型は「データ定義」で確認してください。',
    run: '未使用の {{count}} 列を項目として追加',
    undo: 'ファイルから {{count}} 項目を追加',
    reviewHint:
      '値から読み取った内容を確認してください: 型・ラベル・ID を変えるか、チェックを外すとその列は追加しません。確定すると、チェックした項目を 1 回の「元に戻す」単位で追加し、列に対応付けます。',
    key: 'アカウントキー「{{field}}」← 列 {{column}} (すべての値があり重複なし)。',
    name: '列 {{column}} を会社名として使う (他のファイルと会社名で突き合わせます)。',
    include: '列 {{column}} を追加',
    col: {
      include: '追加',
      type: '型 (理由)',
      ja: 'ラベル (日本語)',
      en: 'ラベル (英語)',
      id: 'ID',
    },
    idProblem: {
      invalid: 'ID として使えません: 英字・数字・_ で、数字から始めないでください。',
      reserved: 'エンジンの予約語です。別の ID にしてください。',
      taken: '同じ ID の項目がすでにあります。',
    },
    types: {
      number: '数値',
      integer: '整数',
      string: 'テキスト',
      boolean: 'はい/いいえ',
      date: '日付',
      category: 'カテゴリ',
    },
  },
  activityView: {
    title: 'アクティビティデータ',
    none: 'プレイブックにアクティビティソース（ログイン、セミナー、接点など）が宣言されていません。プレイブックで宣言すると、ここでファイルを取り込めます。',
    intro:
      'ソースごとに1つ以上のファイル（月ごとのログインエクスポート、セミナーごとのシートなど）: CSV・TSV・JSON・NDJSON、UTF-8 または Shift_JIS。各行はアカウントに紐づけます。{{asOf}} より後のイベントは未来として報告します。ソースのファイルは、追加した順に連結した1つのファイルとして集計します。「保存」するまで何も保存しません。',
    storedFiles: '{{names}} から {{formatted}} 件のイベントを保存済み。',
    notStored:
      'このソースのアクティビティは未取り込みです。これを読む実行は停止し、その旨を表示します。',
    drop: 'ここに1つ以上のファイルをドロップ、または',
    dropAdd: 'ここにファイルをドロップすると保存済みのファイルに追加します。または',
    choose: 'ファイルを選択…',
    addFiles: 'ファイルを追加…',
    replaceAll: 'すべて置き換え…',
    unknown: '—',
    files: {
      name: 'ファイル',
      size: 'サイズ',
      rows: 'イベント / 行',
      dates: 'イベントの期間',
      imported: '取り込み日時',
      kept: '{{kept}} / {{rows}}',
      remove: '削除',
      keep: '残す',
      removeAsk: '{{file}} とその {{count}} 件のイベントを削除しますか？',
      removed: '{{file}} を削除しました: {{source}} のイベントは残り {{count}} 件です。',
    },
    groupsHint:
      'ファイルの列の構成が {{count}} 通りあります。それぞれ対応付けてください。同じ列のファイルは1つの対応付けを共有します。',
    missingMapping: '{{file}}: {{columns}} の列が選ばれていません。',
    fileOf: '{{count}} 個中 {{n}} 個目のファイル',
    saveFiles: '{{files}} 個のファイルから {{count}} 件のイベントを保存',
    saveAdd: '{{files}} 個のファイルの {{count}} 件のイベントを追加',
    needAccounts:
      '先にアカウントデータを取り込んでください。アクティビティの行はそのアカウントに紐づけます。',
    loadingAccounts:
      '保存済みのアカウントデータを読み込んでいます… その間にファイルを選んで列を対応付けられます。',
    runWaits: '保存済みのアカウントデータを読み込み終えると取り込めます。',
    unchanged: '保存済みのアクティビティは変更されていません。',
    mappingHint: '{{file}}（{{encoding}}）: 宣言した各列はどの列ですか？',
    unmapped: '— このファイルにない —',
    time: 'タイムスタンプ（日付または日時）',
    link: { key: 'アカウントキー', name: '会社名（名寄せ）' },
    import: '取り込む',
    saved: '{{source}}: {{count}} 件のイベントを保存しました。',
    report: {
      rows: '読んだ行',
      kept: '集計するイベント',
      unknown: 'どのアカウントにも一致しない',
      badTime: '不正なタイムスタンプ',
      future: '基準日より後',
      badValues: '不正な値',
      unknownTitle: '{{count}} 行がどのアカウントにも一致しません（除外）',
      reviewTitle: '正規化後に結合した会社名 {{count}} 件: 確認してください',
      reviewHint:
        'これらの行はアカウントデータと異なる表記の会社名で、名寄せ（法人格・全半角・空白の正規化）により結合しました。',
      inFile: 'ファイル上',
      account: 'アカウント',
      otherTitle: 'その他の除外した行・欠損にした値',
    },
  },
  replace: {
    title: '保存すると、保存済みのデータセット {{name}} を置き換えます',
    rows: 'アカウント数: {{before}} → {{after}} ({{pct}})',
    bigDrop: 'アカウントが 3% を超えて減ります。エクスポート全体かどうか確認してください。',
    disappeared_one: '{{formatted}} 件のアカウントがなくなります: {{sample}}',
    disappeared_other: '{{formatted}} 件のアカウントがなくなります: {{sample}}…',
    added_one: '新しいアカウント {{formatted}} 件',
    added_other: '新しいアカウント {{formatted}} 件',
    emptied: '値があったのに、すべてのアカウントで空になる項目: {{list}}',
    confirm: '{{name}} ({{formatted}} アカウント) をこのデータで置き換える',
  },
} as const;
