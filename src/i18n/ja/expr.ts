// ja strings for the 'expr' namespace. Keys mirror the other language's file.
export default {
  errors: {
    empty: '式が空です。`active_users >= 10` のような条件を書いてください。',
    syntax: '構文エラー: {{detail}}。',
    unsupported_syntax: '{{what}} は式の言語にありません。項目・値・演算子・関数を使ってください。',
    unsupported_operator: '演算子 `{{op}}` は使えません{{hint}}',
    null_literal:
      '`null` は値として使えません。欠損の判定は `is_missing(x)`、既定値への置き換えは `coalesce(x, 既定値)` を使ってください。',
    unknown_field: '項目 `{{name}}` はありません{{hint}}項目定義の項目IDを使ってください。',
    unknown_function: '関数 `{{name}}` はありません{{hint}}式ガイドの関数一覧を参照してください。',
    builtin_out_of_scope:
      '`{{name}}` は{{scope}}ではまだ計算されていないため使えません。CTAの発火条件か担当割り当てルールで使ってください。',
    not_a_function: '`{{name}}` は関数です。`{{signature}}` のように引数を付けて呼んでください。',
    arity:
      '`{{name}}` の引数は {{expected}} 個ですが {{got}} 個あります。`{{signature}}` の形で書いてください。',
    operand_type: '`{{op}}` の{{side}}には{{expected}}が必要ですが、これは{{got}}です。',
    argument_type:
      '`{{name}}` の第{{index}}引数は{{expected}}でなければなりませんが、{{got}}です。',
    mixed_types: '`{{op}}` で{{left}}と{{right}}は比較できません。両辺を同じ型にしてください。',
    string_order:
      '`{{op}}` で大小を比べられるのは数値と日付だけです。文字列は `==`、`!=`、`in [..]` で比べてください。',
    unknown_category_value: "'{{value}}' は `{{name}}` の選択肢（{{allowed}}）にありません{{hint}}",
    list_expected: "`{{op}}` の右辺にはリストが必要です。例: `{{name}} in ['a', 'b']`。",
    list_literal: 'リストの要素は左辺と同じ型（{{expected}}）のリテラル値にしてください。',
    invalid_date:
      "`date()` には暦に存在する日付を 'YYYY-MM-DD' の形で1つ書いてください。指定された値: {{got}}。",
    digits_literal: '`round` の桁数は 0 から {{max}} までの整数リテラルにしてください。',
    result_type:
      '{{scope}}の結果は{{expected}}でなければなりませんが、{{got}}になっています。`x >= 10` のように比較してください。',
    unknown_source:
      'アクティビティソース `{{name}}` はありません{{hint}} プレイブックで宣言されたソース: {{sources}}。',
    unknown_attribute: '`{{source}}` に属性 `{{name}}` はありません{{hint}} 属性: {{allowed}}。',
    aggregate_usage: 'アクティビティの `{{name}}` は `{{signature}}` の形で書いてください。',
    attribute_type: '`{{fn}}` には {{expected}} 型の属性が必要ですが、`{{name}}` は {{got}} です。',
    window: '期間は `30d` のように日数（1〜{{max}}日）で書きます{{hint}}',
    duration_out_of_place:
      '`{{text}}` は期間の長さです。`count(logins, {{text}})` のようにアクティビティ関数の中で使います。',
    named_argument:
      'オプション `{{name}}:` はありません{{hint}} アクティビティ関数は `before:` と `where:` を取ります。',
    change_argument:
      '`change()` には期間つきの集計を1つ渡します（例: `change(count(logins, 30d))`）。',
  },
  constructs: {
    literal: 'このリテラル',
    member: '名前の後の . や []',
    ternary: '`? :`',
    call_target: '関数名以外の呼び出し',
    other: 'この書き方',
  },
  syntax: {
    expected_after: '`{{token}}` の後に値がありません',
    expected_token: '`{{token}}` がありません',
    expected_comma: '2つの値の間にカンマがありません',
    expected_value: '値がありません',
    unclosed_quote: '引用符が閉じていません',
    unclosed: '`{{token}}` が閉じていません',
    unexpected: 'ここに `{{token}}` は置けません',
    missing_operator: '2つの値の間に `and` や `==` などの演算子がありません',
    bad_number: '数値の書き方が正しくありません',
  },
  hint: {
    didYouMean: '。もしかして `{{suggestion}}` ですか？',
    none: '。',
  },
  at: '{{line}}行 {{column}}文字目',
  or: 'または',
  side: { left: '左辺', right: '右辺' },
  types: {
    number: '数値',
    string: '文字列',
    boolean: '真偽値',
    date: '日付',
  },
  scopes: {
    segment: 'セグメント条件',
    measure: '指標',
    criterion: '完了条件',
    cta: 'CTAの発火条件',
    routing: '担当割り当てルール',
  },
  builtins: {
    score: 'アカウントのヘルススコア（0〜100）',
    color: 'アカウントのカラー帯ID（例: green）',
    segment: 'アカウントのセグメントID',
    stage: 'アカウントのライフサイクルステージID',
    days_in_stage: '現在のステージに入ってからの日数',
  },
  functions: {
    days_since: 'その日付から基準日までの日数（過去の日付なら正）。',
    days_until: '基準日からその日付までの日数（未来の日付なら正）。',
    days_between: '1つ目の日付から2つ目の日付までの日数。',
    coalesce: '欠損でない最初の引数。',
    min: '最小の引数。どれかが欠損なら欠損。',
    max: '最大の引数。どれかが欠損なら欠損。',
    abs: '絶対値。',
    round: '指定した小数桁数（既定 0）で四捨五入（0から遠い方へ丸める）。',
    is_missing: '値が欠損なら真。不明にはならない。',
    if: '条件が真なら第2引数、そうでなければ（不明の場合も）第3引数。',
    date: "日付リテラル。例: date('2027-04-01')。",
  },
  aggregates: {
    count: '期間内のイベント数（なければ 0）。',
    sum: '期間内のイベントの数値属性の合計（なければ 0）。',
    avg: '期間内の数値属性の平均。値がなければ欠損。',
    min: '期間内の数値属性の最小値。なければ欠損。',
    max: '期間内の数値属性の最大値。なければ欠損。',
    count_distinct: '期間内の属性の異なる値の数（例: アクティブユーザー数）。',
    last: '期間内で最新のイベントの値。なければ欠損。',
    days_since: '最新のイベントから基準日までの日数。なければ欠損。',
    change: '直前の同じ長さの期間に対する変化率: (今 − 前) / 前。−0.5 は半減。',
  },
  completion: {
    field: '項目',
    builtin: '組み込み',
    function: '関数',
    keyword: '演算子',
    value: '選択肢',
    source: 'アクティビティソース',
    attribute: '属性',
  },
} as const;
