// ja strings for the 'playbook' namespace: playbook validation issues (code → text with
// {{params}}), shown by the app's playbook import and the CLI. Keys mirror the other language's file.
export default {
  issue: {
    not_object: 'JSON オブジェクト (Waymark のプレイブックまたはプロジェクト) が必要です',
    too_deep:
      '配列とオブジェクトが {{max}} 階層より深く入れ子になっています（{{line}} 行 {{column}} 列）。プレイブックがこれほど深くなることはありません。Waymark から書き出し直してください',
    not_json: 'JSON として不正です{{where}}: {{detail}}',
    not_playbook:
      '"format": "{{expected}}" が必要です (またはプロジェクトファイルの "schemaVersion")',
    newer_version:
      'プレイブックのバージョン {{version}} はこの Waymark ({{supported}}) より新しいため実行できません。Waymark を更新してください',
    schema: '{{detail}}',
    duplicate_id:
      '{{kind}} の ID "{{id}}" が重複しています ({{first}} にもあります)。ID は一意にしてください',
    reserved_name: '項目 ID "{{id}}" は予約語です ({{reserved}})。項目名を変更してください',
    unknown_field: '不明な項目 "{{name}}"',
    field_type: '項目 "{{name}}" の型は {{type}} です。{{expected}} が必要です',
    measure_kind:
      '指標 "{{id}}" の値は {{type}} のため、"{{kind}}" の正規化では採点できません。{{use}} を使ってください',
    unknown_segment: '不明なセグメント "{{id}}"',
    unknown_stage: '不明なステージ "{{id}}"',
    unknown_color: '不明な色帯 "{{id}}"',
    unknown_measure: '不明な指標 "{{id}}"',
    unknown_dimension: 'ディメンション "{{id}}" が health.dimensions にありません',
    bad_band_order:
      '色帯は良い順に並べます: "{{id}}" (下限 {{min}}) は "{{above}}" (下限 {{aboveMin}}) より上にできません',
    bad_linear: '線形の正規化では max と min を変えてください (どちらも {{min}})',
    bad_as_of: '採点日 "{{value}}" は YYYY-MM-DD 形式の暦日ではありません',
    expression: '{{detail}} ("{{source}}" の {{at}} 文字目)',
  },
  didYouMean: ' — "{{suggestion}}" のことですか?',
  kind: {
    field: '項目',
    segment: 'セグメント',
    measure: '指標',
    dimension: 'ディメンション',
    band: '色帯',
    stage: 'ステージ',
    criterion: 'イグジットクライテリア',
    cta: 'CTA',
    rule: 'ルーティングルール',
    override: '上書きセグメント',
    source: 'アクティビティソース',
    attribute: '属性',
  },
} as const;
