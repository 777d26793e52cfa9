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
} as const;
