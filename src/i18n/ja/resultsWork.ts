// 現場で使える結果: 絞り込み、ドリルダウン、エクスポート、アカウントのデータと改善点。
export default {
  filter: {
    color: 'カラー',
    segment: 'セグメント',
    stage: 'ステージ',
    owner: '担当',
    renewal: '更新',
    any: 'すべて',
    noStage: 'ステージなし',
    renewalWithin: '{{count}}日以内',
    noRenewalField: '更新日の項目がありません',
    clear: '絞り込みを解除',
    active: '絞り込み中',
  },
  column: { renewal: '更新日', colour: 'カラー' },
  sortBy: '{{column}}で並べ替え',
  export: {
    csv: 'CSVで書き出す',
    xlsx: 'Excelで書き出す',
    file: 'スコア',
    sheet: 'スコア',
    segmentLabel: 'セグメント名',
    stageLabel: 'ステージ名',
    colorLabel: 'カラー名',
    hint: '表示中の行を、waymark score と同じ列に、セグメント・ステージ・カラーの名前を加えて書き出します。',
    done: '{{formatted}}件のアカウントを {{file}} に書き出しました。',
  },
  drill: '棒や行をクリックすると、そのアカウントの一覧を開きます。',
  funnelLegend: { ready: '次へ進める', stuck: '停滞', rest: 'その他' },
  attributes: {
    title: 'アカウントのデータ',
    hint: 'この実行で採点したデータセットにある、このアカウントの値です。',
  },
  norm: {
    base: '基本モデル',
    override: '{{segment}} の上書き',
    linear: '{{min}}〜{{max}}',
    linearInverted: '{{min}}〜{{max}}（低いほど良い）',
    tiers: '段階 {{tiers}}、未満: {{below}}点',
    category: '{{values}}',
    uncounted: 'それ以外は欠損扱い',
    otherwise: 'それ以外: {{points}}点',
    column: '点数化',
  },
  levers: {
    title: '{{color}}に上がるには',
    gap: '{{color}}（{{min}}点）まであと+{{gap}}点。',
    gapStrict: '{{color}}（{{min}}点超）まであと+{{gap}}点より多く。',
    best: 'すでに最も良いカラーです。',
    none: '単独で点を増やせる指標はありません。',
    lead: '効果の大きい改善点（それぞれ単独で）:',
    item: '{{measure}}: {{from}} → {{target}} で +{{gain}}点',
    closes: '単独で到達',
    notEnough: '単独では不足',
    itemMissingZero: '{{measure}}: 値なし（0点で計算）→ {{target}} を記録すると +{{gain}}点',
    itemMissing:
      '{{measure}}: 値なし（除外して他の重みを按分）→ {{target}} を記録すると +{{gain}}点（{{breakEven}}点未満になる値では合計が下がります）',
    noScore: 'スコアがないため、上がる先のカラーはありません。',
  },
  value: { yes: 'はい', no: 'いいえ' },
  backtest: { outcome: '結果の項目' },
  demoRun:
    'デモを開いたときのサンプル実行です（保存されていません）。「実行」で採点して保存します。',
  segmentCount:
    '{{total}}件中 {{n}}件が入ります（上のルールに当てはまるアカウントはそちらが優先）。',
  segmentSample: '（{{sample}}件から推定）',
  segmentId: {
    hint: "CTA やルール（segment == '…'）で使うセグメント ID。変更すると参照もすべて書き換えます。",
    aria: 'セグメント {{id}} の ID',
    undo: 'セグメント ID の変更',
    renamed_one: 'セグメント ID {{from}} を {{to}} に変更し、ルール {{count}} 件を書き換えました。',
    renamed_other:
      'セグメント ID {{from}} を {{to}} に変更し、ルール {{count}} 件を書き換えました。',
    problem: {
      invalid_id:
        '「{{id}}」はセグメント ID に使えません。英字か _ で始め、英数字と _ だけにしてください。',
      duplicate: 'ID「{{id}}」のセグメントがすでにあります。',
      unknown: 'このセグメントはもうありません。',
    },
  },
  exprEmptyValue:
    '点数化する値を書いてください。例: active_users / licenses のような数値、または relationship のような区分の項目（Ctrl+Space で項目と関数の一覧）。',
  rowQuery: {
    searching: '{{formatted}} 件のアカウントを検索中…',
    sorting: '{{formatted}} 件のアカウントを並べ替え中…',
    rankingNames:
      '{{formatted}} 件のアカウントを会社名で並べ替え中: 先に会社名の並び順を作っています（実行ごとに最初の 1 回だけ）…',
    rankingIds:
      '{{formatted}} 件のアカウントをアカウント ID で並べ替え中: 先に ID の並び順を作っています（実行ごとに最初の 1 回だけ）…',
    stale: '新しい一覧が届くまで、下の行は前の一覧です。',
    failed: 'アカウント一覧を計算できませんでした: {{message}}',
  },
  demoPreparing:
    'デモのアカウントを採点して最初の実行を作っています（ほかの実行と同じく履歴に保存します）…',
} as const;
