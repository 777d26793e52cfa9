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
    marks: { done: '完了', snoozed: '{{until}} までスヌーズ', dismissed: '却下' },
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
} as const;
