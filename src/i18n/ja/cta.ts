// ja strings for the 'cta' namespace. Keys mirror the other language's file.
export default {
  title: 'CTA(アクションの条件)',
  intro:
    'トリガー条件が真になったアカウントにCTAが発生します。攻め(拡大・営業へ)、守り(解約の兆候)、ライフサイクル(更新6か月前などの定例)。誰が・いつまでに・何をするかを決め、「最近どうですか」ではなく「利用がXなのでYを試しましょう」という会話にします。',
  empty: 'CTAがまだありません。上のボタンから追加してください。',
  type: {
    expansion: '攻め(拡大)',
    risk: '守り(リスク)',
    lifecycle: 'ライフサイクル',
    other: 'その他',
  },
  typeAria: '{{cta}} の種類',
  newLabel: '新しいCTA({{type}})',
  labelPlaceholder: '何をするか',
  labelAria: 'CTA {{n}} の名前',
  idHint: 'CTA ID(結果やエクスポートで使用)',
  up: '{{cta}} を上へ',
  down: '{{cta}} を下へ',
  delete: 'CTA {{cta}} を削除',
  trigger: 'トリガー(真のとき発生)',
  triggerAria: '{{cta}} のトリガー',
  priority: '優先度',
  priorityAria: '{{cta}} の優先度',
  priorityValue: { high: '高', medium: '中', low: '低' },
  owner: '担当ロール',
  ownerAria: '{{cta}} の担当ロール',
  ownerRouted: '(担当振り分けに従う)',
  ownerField: '担当者を項目から',
  ownerFieldAria: '{{cta}} の担当者を示す項目',
  ownerFieldNone: '(なし:担当ロールが担当)',
  ownerFieldHint:
    '各アカウントの項目(例: 担当CSMの列)に入っている人を担当者にします。項目が空のときは担当ロール(または担当振り分け)が担当します。',
  due: '期限',
  dueAria: '{{cta}} の期限までの日数',
  days: '日後',
  dedupe: '重複キー',
  dedupeAria: '{{cta}} の重複キー',
  dedupeHint:
    '同じアカウントで同じキーのCTAは、優先度の最も高い1件にまとめられます。空欄ならCTA ID。',
  stages: 'ステージ',
  segments: 'セグメント',
  all: '(未選択 = すべて)',
  noStages: 'ジャーニーにステージがまだありません。',
  unknownStage:
    '存在しないステージ「{{id}}」を参照しています。チェックを外すか、ステージを追加してください。',
  unknownSegment:
    '存在しないセグメント「{{id}}」を参照しています。チェックを外すか、セグメントを追加してください。',
  steps: '手順',
  stepAria: '{{cta}} の手順 {{n}}',
  removeStep: '手順 {{n}} を削除',
  addStep: '手順を追加',
  /**
   * Owner roles offered while typing an owner (a suggestion list: what is typed is stored as
   * typed, in the language it was typed in, and never translated afterwards).
   */
  roleSuggestions: {
    cs: 'CS',
    csOps: 'CS Ops',
    highTouch: 'CS ハイタッチ',
    sales: '営業',
    insideSales: 'インサイドセールス',
  },
  routing: {
    title: '担当の振り分け',
    intro:
      '担当ロールのないCTAはアカウントの担当者へ: 条件が真になる最初のルール、どれも当たらなければ既定の担当です(例: スコアが高ければ営業、低ければCS)。',
    when: '条件',
    then: '担当',
    whenAria: '振り分けルール {{n}} の条件',
    ownerAria: '振り分けルール {{n}} の担当',
    up: '振り分けルール {{n}} を上へ',
    remove: '振り分けルール {{n}} を削除',
    add: '振り分けルールを追加',
    default: '既定の担当',
  },
  undo: {
    add: 'CTAを追加',
    edit: 'CTAを編集',
    move: 'CTAを並べ替え',
    delete: 'CTAを削除',
    routing: '担当の振り分けを編集',
  },
} as const;
