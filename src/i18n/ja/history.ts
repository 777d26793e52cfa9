// ja strings for the 'history' namespace: runs as fixed records, trends, CTA lifecycle, backtest over time.
export default {
  asOf: {
    remember: '基準日を設定',
    fromProject: 'プロジェクトの基準日',
    fromLastRun: '前回の実行の基準日',
    fromDataset: 'データセットを取り込んだ日',
    none: '日付が未設定です。選んでください',
    hint: '既定値: {{source}}。',
  },
  run: {
    model: 'モデル {{fingerprint}} · データ「{{dataset}}」',
    legacy:
      'この実行は以前の Waymark がモデルを保存せずに記録したため、アカウントごとの説明を表示できません。もう一度実行すると完全な記録が保存されます。',
    otherDataset:
      '最後の実行は別のデータセット (「{{dataset}}」) を採点しました。現在のデータセットを採点するにはプレイブックを実行してください。',
  },
  stale: {
    notice: 'この実行の後にヘルスモデルが変更されました: {{changes}}。',
    noticeNoRun: 'この実行の後にヘルスモデルが変更されました。',
    runAgain: '現在のモデルでもう一度実行',
    kinds: {
      fields_one: '項目 {{count}} 件',
      fields_other: '項目 {{count}} 件',
      segments_one: 'セグメント {{count}} 件',
      segments_other: 'セグメント {{count}} 件',
      dimensions_one: '観点 {{count}} 件',
      dimensions_other: '観点 {{count}} 件',
      measures_one: '指標 {{count}} 件',
      measures_other: '指標 {{count}} 件',
      bands_one: '色の区分 {{count}} 件',
      bands_other: '色の区分 {{count}} 件',
      overrides_one: 'セグメント別設定 {{count}} 件',
      overrides_other: 'セグメント別設定 {{count}} 件',
      stages_one: 'ステージ {{count}} 件',
      stages_other: 'ステージ {{count}} 件',
      criteria_one: '完了条件 {{count}} 件',
      criteria_other: '完了条件 {{count}} 件',
      ctas_one: 'CTA {{count}} 件',
      ctas_other: 'CTA {{count}} 件',
      routing_one: '担当ルール {{count}} 件',
      routing_other: '担当ルール {{count}} 件',
      settings_one: '採点設定 {{count}} 件',
      settings_other: '採点設定 {{count}} 件',
    },
    separator: '、',
  },
  backtest: {
    undoOutcome: 'バックテストの結果設定',
    noOutcome: '項目定義に結果として使えるテキスト/カテゴリ項目がありません。',
    modeTitle: '確認する内容',
    modePredictive: '予測: 過去の日付の実行を、その後に観測された結果と照合',
    modeDescriptive: '記述: この実行を同じデータの結果と照合',
    predictionsFrom: '予測に使う実行',
    pickRun: '— 実行を選択 —',
    runOption: '基準日 {{asOf}} ({{formatted}} アカウント)',
    observedAt: '結果の観測日',
    noEarlierRun:
      '{{date}} より前の保存済みの実行がありません。早い日付で実行しておき (またはこの実行を残し)、結果が分かってから確認してください。',
    loadFailed: '実行を読み込めませんでした: {{message}}',
    computing: '{{formatted}}件の答え合わせをバックグラウンドで計算中…',
    computingValues: '値を数えています…',
    outcomeField: '結果の項目',
    pickField: '— 項目を選択 —',
    value: '出現した値',
    accounts: 'アカウント数',
    meansChurn: '解約を意味する',
    meansExpansion: '拡大を意味する',
    churnAria: '{{value}} は解約を意味する',
    expansionAria: '{{value}} は拡大を意味する',
    blank: '(空欄)',
    blankLeftOut: '除外: 結果不明',
    pickValues:
      '解約を意味する値と拡大を意味する値にチェックを入れてください。それ以外は継続として数えます。',
    labelPredictive:
      '予測: 基準日 {{asOf}} のスコアを、{{observed}} 時点で観測した結果と照合しています。',
    labelDescriptive:
      '記述のみ: スコアと結果が同じ時点のものなので、アカウントの状態を記述するだけで、スコアが何かを予測できることは示しません。予測を確かめるには過去の日付の実行を使ってください。',
    join: 'スコアと結果の両方があるアカウント: {{n}}。結果の行がない: {{withoutOutcome}}、実行で採点されていないアカウントの結果: {{withoutPrediction}}、結果が空欄: {{missing}}。',
    duplicates_one: '結果に複数回現れるアカウント {{count}} 件を除外しました: {{keys}}。',
    duplicates_other: '結果に複数回現れるアカウント {{count}} 件を除外しました: {{keys}}。',
    unmatchedList: '突き合わせできなかったアカウント',
    noOutcomeFor: '結果なし:',
    notScored: '実行で採点されていない:',
    base: '{{n}} アカウントでの基準率: 解約 {{churn}} ({{churnCount}})、拡大 {{expansion}} ({{expansionCount}})。',
    color: '色',
    churnRate: '解約率 (95% 区間)',
    expansionRate: '拡大率 (95% 区間)',
    lift: 'リフト',
    aucChurn: '解約に対するスコアの AUC (95% 区間)',
    aucExpansion: '拡大に対するスコアの AUC (95% 区間)',
    kind: { churn: '解約した', expansion: '拡大した' },
    verdict: {
      insufficient: {
        no_events: '{{kind}}アカウントがありません。照合する相手がないため、結論は出せません。',
        few_events:
          '{{kind}}アカウントは {{events}} 件だけです (少なくとも {{min}} 件必要)。結論を出すには少なすぎます。上の数値は広い区間つきで表示しています。',
        no_non_events: 'すべてのアカウントが{{kind}}ため、比較する相手がなく結論は出せません。',
        few_non_events:
          'そうでないアカウントは {{nonEvents}} 件だけです (少なくとも {{min}} 件必要)。結論を出すには少なすぎます。',
      },
      predicts: {
        churn:
          'スコアは偶然より良く解約を予測しました: 継続したアカウントが解約したアカウントより高いスコアである確率は {{auc}} で、95% 区間全体が 0.5 を上回っています。',
        expansion:
          'スコアは偶然より良く拡大を予測しました: 拡大したアカウントが他より高いスコアである確率は {{auc}} で、95% 区間全体が 0.5 を上回っています。',
      },
      no_better_than_chance: {
        churn:
          '偶然と区別できません: AUC は {{auc}} ですが 95% 区間が 0.5 を含みます。色を頼りにする前に指標と重みを見直してください。',
        expansion:
          '拡大について偶然と区別できません: AUC は {{auc}} ですが 95% 区間が 0.5 を含みます。',
      },
      inverted: {
        churn:
          '逆転しています: 解約したアカウントの方がスコアが高くなっています (AUC {{auc}}、区間が 0.5 未満)。指標の向きを確認してください。',
        expansion:
          '逆転しています: 拡大したアカウントの方がスコアが低くなっています (AUC {{auc}}、区間が 0.5 未満)。',
      },
    },
    monotonic: '最も悪い色から最も良い色へ、解約率は下がり拡大率は上がっています。',
    notMonotonic:
      '最も悪い色から最も良い色へ解約率が一様に下がっていません。結果と合わない色の区分があります。',
    ctaTitle: '各 CTA が発火したアカウントの結果',
    cta: 'CTA',
    fired: '発火 (結果あり)',
    measureTitle: 'どの指標が情報を持っているか (指標ごとの AUC)',
    measure: '指標',
    aucChurnShort: '解約に対する AUC',
    aucExpansionShort: '拡大に対する AUC',
    method:
      '95% 区間: 率は Wilson のスコア区間、AUC は Hanley–McNeil (1982) の標準誤差による。リフト = 率 ÷ 基準率。結論にはそれぞれの側に少なくとも 10 アカウントが必要です。',
  },
  queue: {
    status: '状態',
    statuses: {
      open: '未対応 (完了・スヌーズ・却下以外)',
      new: '前回の実行以降の新規',
      continuing: '継続中',
      marked: '完了・スヌーズ・却下',
      all: 'すべて',
    },
    summary:
      '基準日 {{previous}} の実行と比較: 新規 {{new}}、継続 {{continuing}}、解消 {{resolved}} (発火しなくなった)。',
    firstRun: '初回の実行なので、すべての CTA が新規です。次の実行から継続と解消を表示します。',
    resolvedList_one: '解消した CTA {{count}} 件',
    resolvedList_other: '解消した CTA {{count}} 件',
    new: '新規',
    continuing: '継続 · {{runs}} 回、{{days}} 日 ({{since}} から)',
    marks: {
      done: '完了',
      snoozed: '{{until}} までスヌーズ',
      dismissed: '却下',
      dismissedWhy: '却下: {{reason}}',
    },
    done: '完了',
    doneTitle: 'このタスクを完了にする: 発火し続ける間は完了のままです',
    snooze: 'スヌーズ',
    dismiss: '却下',
    reopen: '再開',
    cmd: {
      done: 'CTA を完了にする',
      snoozed: 'CTA をスヌーズ',
      dismissed: 'CTA を却下',
      reopen: 'CTA を再開',
    },
    dialog: {
      snoozed: '{{account}} の「{{cta}}」をスヌーズ',
      dismissed: '{{account}} の「{{cta}}」を却下',
      until: '再表示する日',
      afterAsOf: '{{asOf}} より後の日付を選んでください。',
      reason: '却下する理由',
      cancel: 'キャンセル',
      save: '保存',
    },
  },
  tab: '推移',
  trends: {
    none: '保存済みの実行はまだありません。',
    runLabel: '基準日 {{asOf}} (モデル {{fingerprint}})',
    runLabelSuperseded: '基準日 {{asOf}} (モデル {{fingerprint}}、置き換え済み)',
    colorTitle: '実行ごとの色の分布',
    asOf: '基準日',
    accounts: 'アカウント数',
    model: 'モデル',
    funnelTitle: '実行ごとのステージファネル',
    ctaTitle: '実行ごとの種類別 CTA 数',
    mrrTitle: '色ごとの MRR の割合(項目 {{field}})',
    mrrTotal: 'MRR',
    mrrMissing: 'MRR なし',
    mrrNotRecorded:
      'この実行には記録されていません(MRR の割合を保存する前の実行):再実行すると表示されます',
  },
  changes: {
    title: '変化でアカウントを見る',
    filter: '表示',
    sort: '並べ替え',
    filters: {
      all: 'すべてのアカウント',
      worse: '色が悪化',
      better: '色が改善',
      same: '色が同じ',
      changed: '色が変化',
      new: '2 つ目の実行で新規',
    },
    sorts: {
      delta_asc: 'スコアの変化(下落の大きい順)',
      delta_desc: 'スコアの変化(上昇の大きい順)',
      score_asc: 'スコア(低い順)',
      score_desc: 'スコア(高い順)',
    },
    count_one: '{{formatted}} 件',
    count_other: '{{formatted}} 件',
    account: 'アカウント',
    color: '色',
    score: 'スコア',
    delta: '変化',
    notInA: '新規',
    more: '先頭 {{shown}} 件を表示しています。ほかを見るには絞り込んでください。',
  },
  migration: {
    title: '2 つの実行の間の色の移動',
    from: '移動元',
    to: '移動先',
    corner: '移動元 ↓ / 移動先 →',
    onlyIn: '1 つ目の実行のみ: {{a}}、2 つ目のみ: {{b}}。',
    accounts_one: '{{from}} から {{to}} に移ったアカウント {{count}} 件',
    accounts_other: '{{from}} から {{to}} に移ったアカウント {{count}} 件',
    more: '… ほか {{formatted}} 件 (CSV に含まれます)',
    csv_one: 'この {{formatted}} 件のアカウントを CSV でダウンロード',
    csv_other: 'この {{formatted}} 件のアカウントを CSV でダウンロード',
    notLoaded: '現在読み込んでいるデータにないため、アカウントページは開けません',
    gone: '(現在のデータにない)',
  },
  storage: {
    title: '保存済みの実行',
    summary:
      '保存済みの実行 {{runs}} 件。1 アカウントあたり約 {{bytes}} バイト (列の構成から: スコア、色、セグメント、ステージ、担当、進捗、CTA ごとに 1 バイト、観点スコアと指標の点数に 4 バイト、アカウント ID)。',
    measured:
      '保存済みの実行 {{runs}} 件。最新の実行は保存時の実測で 1 アカウントあたり {{bytes}} バイト: スコア、色、ステージ、CTA、点数に {{columns}} バイト、アカウントキーに {{keys}} バイト (同じアカウントの実行どうしで 1 回だけ保存)。ブラウザーのデータベース自体のオーバーヘッドは含みません。',
    measuredShared:
      '保存済みの実行 {{runs}} 件。最新の実行は保存時の実測で 1 アカウントあたり {{bytes}} バイト (スコア、色、ステージ、CTA、点数)。アカウントキー (1 アカウントあたり {{keys}} バイト) は同じアカウントの以前の実行で保存済みのため共有しています。ブラウザーのデータベース自体のオーバーヘッドは含みません。',
    thin: '月に 1 件だけ残す (3 か月より前)…',
    thinTitle: '古い実行を間引く',
    thinConfirm_one: '{{count}} 件の実行を削除',
    thinConfirm_other: '{{count}} 件の実行を削除',
    thinBody: '次の実行を削除します (各月の最後の実行は残します): {{runs}}。',
    thinNothing: '間引く実行はありません: 3 か月より前で実行が 2 件以上ある月はありません。',
    delete: '削除',
    deleteTitle: '基準日 {{asOf}} の実行を削除しますか?',
    superseded: '{{date}} に保存された実行で置き換え済み',
    supersededTitle:
      '同じ基準日の実行が後から保存されたため、この実行は推移・比較・CTA のライフサイクルから除外しています。削除するか、色の移動表で 2 つを比べるために残してください。',
    supersededNote_one:
      '保存済みの実行 {{count}} 件が、後から保存された実行と同じ基準日です (以前の Waymark が両方を残しました)。下の一覧で「置き換え済み」と表示し、推移・比較・CTA のライフサイクルから除外しています。削除はしていません。不要になったら削除してください。',
    supersededNote_other:
      '保存済みの実行 {{count}} 件が、後から保存された実行と同じ基準日です (以前の Waymark が両方を残しました)。下の一覧で「置き換え済み」と表示し、推移・比較・CTA のライフサイクルから除外しています。削除はしていません。不要になったら削除してください。',
  },
  whatIf: {
    preview: '現在のモデルをこの実行のデータで試す (保存しない)',
    dialogPreview: '保存せずに試す',
    dialogPreviewNote:
      'または試算: 同じデータと基準日で現在のモデルを保存せずに採点し、保存済みの実行と比べてから決められます。',
    title: '試算 (what-if) — 保存されていません',
    model: '現在のモデル {{fingerprint}} (保存済みの実行の後の変更: {{changes}})',
    modelSame: '現在のモデル {{fingerprint}} (保存済みの実行と同じモデル)',
    against:
      '比較対象: 基準日 {{asOf}} の実行 ({{date}} に保存、モデル {{fingerprint}})、同じデータ。',
    againstOther:
      '比較対象: 基準日 {{asOf}} の実行 ({{date}} に保存、モデル {{fingerprint}}、データ「{{dataset}}」)。試算は現在のデータ「{{current}}」を採点しています。',
    notSaved:
      '何も保存していません。履歴・推移・CTA のライフサイクルとマークは保存済みの実行のままです。結果画面を離れるか、ページを再読み込みすると、この試算は破棄されます。',
    running: '現在のモデルを保存せずに採点中 ({{phase}})…',
    failed: '試算に失敗しました: {{message}}',
    save: '保存: {{asOf}} の実行を置き換える',
    discard: '試算を破棄',
    matrixTitle: '色の移動: 保存済みの実行 → 試算',
    colorsTitle: '色の分布',
    ctasTitle: '発火した CTA (種類別)',
    segmentsTitle: 'セグメント別のアカウント数',
    colColor: '色',
    colType: '種類',
    colSegment: 'セグメント',
    colStored: '保存済みの実行',
    colPreview: '試算 (未保存)',
    colChange: '増減',
    colAccounts: 'アカウント数',
    colShare: 'アカウントの割合',
    colShareChange: 'ポイント',
    colMrr: 'MRR ({{field}})',
    colMrrPlain: 'MRR',
    mrrShareHint: 'MRR の {{share}}',
    mrrNoField:
      '項目の定義に MRR の項目が設定されていないため (項目 → 役割)、色ごとの MRR は表示しません。',
    mrrNotSummed:
      'MRR の項目「{{field}}」はこのデータで数値を持たないため、色ごとの MRR は表示しません。',
    mrrNotStored:
      '保存済みの実行には MRR の合計が記録されていません (記録を始める前に保存された実行です)。その MRR と増減は — と表示します。',
    mrrNotPreview:
      '試算には MRR の合計がありません (現在のモデルで MRR の項目が未設定か、数値の列ではありません)。その MRR は — と表示します。',
    mrrOtherField:
      '保存済みの実行は「{{before}}」、試算は「{{after}}」から MRR を合計しています。MRR の増減は表示しません。',
    mrrMissing:
      'MRR の値がなく合計から除いたアカウント: 保存済みの実行 {{before}} 件、試算 {{after}} 件。',
    openAccountNote:
      'このアカウントページは基準日 {{asOf}} の保存済みの実行を表示しています。試算は残っており、「戻る」で試算に戻ります。',
  },
  replace: {
    title: '基準日 {{asOf}} の実行はすでに保存されています',
    stored_one:
      '{{date}} に保存 (モデル {{fingerprint}}、データ「{{dataset}}」、{{formatted}} アカウント)。',
    stored_other:
      '{{date}} に保存 (モデル {{fingerprint}}、データ「{{dataset}}」、{{formatted}} アカウント)。',
    modelSame: '現在のモデルはその実行と同じです。数値が変わるのはデータが変わったところだけです。',
    modelChanged: 'その実行の後にヘルスモデルが変更されました: {{changes}}。',
    modelChangedNoList: 'その実行の後にヘルスモデルが変更されました。',
    modelUnknown: 'その実行はモデルなしで保存されています。',
    body_one:
      '履歴は基準日ごとに 1 件の実行を保持します。置き換えると、新しい実行を保存した後で保存済みの実行を削除します (実行が失敗・キャンセルされた場合は残ります)。CTA のマーク (完了・スヌーズ・却下) は引き継がれます。残したい場合はキャンセルして別の基準日を選んでください。',
    body_other:
      '履歴は基準日ごとに 1 件の実行を保持します。置き換えると、新しい実行を保存した後でこの {{count}} 件の保存済みの実行を削除します (実行が失敗・キャンセルされた場合は残ります)。CTA のマーク (完了・スヌーズ・却下) は引き継がれます。残したい場合はキャンセルして別の基準日を選んでください。',
    confirm: '{{asOf}} の実行を置き換える',
  },
  account: {
    title: 'このアカウントの推移',
    loading: '保存済みの実行を読み込み中…',
    one: 'このアカウントを含む実行は 1 件だけです。次の実行からグラフを表示します。',
    score: 'スコア',
    chart: '保存済みの実行ごとのスコア',
    point: '{{asOf}}: スコア {{score}}({{color}})',
    color: '色',
    stage: 'ステージ',
    ctas: '発火した CTA',
    days: {
      intro: '{{asOf}} 時点のステージ滞在日数(データに開始日がないため、下の実行から):',
      history:
        '{{days}} 日 — {{since}} の実行から {{stage}}。{{before}} の実行では別のステージだったので、その間に移行しました。',
      atLeastOldest:
        '少なくとも {{days}} 日 — 最も古い {{since}} の実行からすべて {{stage}}。いつ移行したかは履歴からは分かりません。',
      atLeastGap:
        '少なくとも {{days}} 日 — {{since}} の実行から {{stage}}。{{before}} の実行にはこのアカウントのステージがないため、それより前に移行した可能性があります。',
      entered: '0 日 — {{before}} の実行では別のステージで、その後 {{stage}} に移行しました。',
      noEarlierRun: '不明 — {{asOf}} より前の実行が保存されていません。',
      notInLastRun: '不明 — 直前の実行({{before}})にこのアカウントがありません。',
      noStageLastRun: '不明 — 直前の実行({{before}})ではこのアカウントのステージが不明です。',
      noStage: '不明 — この実行ではアカウントのステージが不明です。',
    },
  },
  transfer: {
    title: 'CLI の履歴フォルダー',
    intro:
      'waymark score --history DIR のジョブが書いた実行を取り込みます(フォルダー、または manifest.json と runs/*.parquet、またはここで書き出した zip を選択)。このプロジェクトの実行を同じ形式で書き出すと、waymark history DIR、DuckDB、Polars で読めます。',
    pickFolder: 'CLI の履歴フォルダーを取り込む…',
    pickFiles: 'CLI の履歴ファイルを取り込む…',
    export: '履歴を書き出す (zip)',
    reading: '{{count}} 個のファイルを読み込み中…',
    imported: '{{file}} から {{count}} 件の実行を取り込みました: {{runs}}。',
    importedNone: '{{file}} に新しい実行はありません。すべて保存済みです。',
    skipped:
      '{{asOf}} ({{file}}) は取り込みませんでした: その日付の実行が既に保存されており、保存済みの実行を残しました。置き換えるには先に削除してください。',
    refused: '何も取り込んでいません:',
    importedBadge: 'CLI から取り込み',
    importedNote:
      'Waymark CLI が書いた実行です(データセット {{dataset}})。数値は Parquet ファイルのままで、ここで再計算はしていません。',
    exported: '{{count}} 件の実行を {{file}} として書き出しました。',
    leftOut:
      '書き出さなかった実行(同じ基準日のより古い実行。履歴フォルダーは基準日ごとに 1 件): {{runs}}。',
    noRuns: '書き出す保存済みの実行がありません。',
    exporting: '{{count}} 件の実行を書き出し中…',
    progress: {
      read: '選択したファイルを読み込み中: {{total}} 個中 {{done}} 個完了…',
      check: '実行 {{n}} / {{total}} を読み込み中(基準日 {{asOf}})…',
      save: '{{total}} 件の実行をプロジェクトに追加中(すべて追加するか、何も追加しないかのどちらかです)…',
      export: '実行 {{n}} / {{total}} を書き出し中(基準日 {{asOf}})…',
    },
    cancel: 'キャンセル',
    cancelledImport: '取り込みをキャンセルしました。何も取り込んでいません。',
    cancelledExport: '書き出しをキャンセルしました。ファイルは作っていません。',
    importFailed:
      '取り込みが止まりました ({{reason}})。何も取り込んでいません。もう一度お試しください。再び止まる場合は、ほかのタブを閉じてメモリーを空けてから、もう一度お試しください。',
    exportFailed:
      '書き出しが止まりました ({{reason}})。ファイルは作っていません。もう一度お試しください。',
    issue: {
      no_manifest:
        '選択したファイル ({{file}}) に manifest.json がありません。履歴フォルダーそのもの、または manifest.json と runs/*.parquet をまとめて選択してください。',
      bad_manifest:
        '{{file}}: 履歴のマニフェストが正しい JSON ではありません ({{reason}})。バックアップから戻すか、CLI でフォルダーを書き直してください。',
      not_history:
        '{{file}}: Waymark の履歴マニフェスト (format "waymark-history") ではありません。`waymark score --history` が書いた manifest.json を選択してください。',
      newer:
        '{{file}}: より新しい Waymark が書いたものです(履歴形式 {{version}})。Waymark を更新してから取り込んでください。',
      missing_file:
        '{{file}}: マニフェストに載っていますが、選択したファイルにありません。フォルダー全体を選択する(またはそのファイルを加える)か、取り込み直してください。',
      not_parquet:
        '{{file}}: 読めない Parquet ファイルです(途中で切れているか壊れています: {{reason}})。CLI のフォルダーからコピーし直すか、その実行をマニフェストから外してください。',
      not_a_run:
        '{{file}}: Waymark の実行メタデータ (waymark.run) のない Parquet ファイルです。CLI が書いた runs/*.parquet を選択してください。',
      newer_run:
        '{{file}}: より新しい形式(バージョン {{version}})の実行ファイルです。Waymark を更新してから取り込んでください。',
      mismatch:
        '{{file}}: 中の実行は {{asOf}} 時点の「{{playbookName}}」で、マニフェストの記載と違います。CLI でフォルダーを書き直してください。',
      other_project:
        '{{file}}: これらの実行はプレイブック「{{theirs}}」のもので、このプロジェクトの「{{ours}}」ではありません(プレイブック名もフィンガープリントも一致しません)。元のプロジェクトに取り込んでください。',
      duplicate_as_of:
        '{{file}}: {{asOf}} 時点の実行が 2 件あります。マニフェストから一方を外してから取り込んでください。',
    },
  },
  oneRun:
    '保存済みの実行はまだ 1 件です。下の表は推移ではなくその時点の結果です。推移・変化・CTA の比較は 2 回目の実行から表示します。',
} as const;
