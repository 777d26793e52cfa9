// ja strings for the 'projects' namespace. Keys mirror the other language's file.
export default {
  title: 'プロジェクト',
  new: '新規プロジェクト',
  empty:
    'プロジェクトはまだありません。新しく作るか、プロジェクトファイルをインポートしてください。',
  updated: '更新: {{date}}',
  template: 'テンプレート: {{name}}',
  actions: '「{{name}}」の操作',
  duplicated:
    '「{{name}}」を作成しました: モデル (業務モデル図、カスタマージャーニー、ヘルススコア、CTA、データ定義) のコピーです。データセットと実行結果はコピーしません。採点するにはコピー先でデータを取り込んでください。',
  copyName: '{{name}}（コピー）',
  newDialog: {
    title: '新規プロジェクト',
    name: '名前',
    namePlaceholder: '例: 2027年度サクセスロードマップ',
    template: 'ひな形',
    empty: '空のプロジェクト',
    nameRequired: 'プロジェクト名を入力してください。',
  },
  renameDialog: { title: 'プロジェクト名の変更' },
  deleteDialog: {
    title: '「{{name}}」を削除しますか?',
    body: 'プロジェクトとそのデータセット・結果をこのブラウザーから削除します。元に戻せません。必要になりそうなら先にエクスポートしてください。',
  },
  import: {
    dataFile:
      '「{{file}}」はアカウントデータで、プロジェクトファイルではありません。プロジェクトを開き、データ画面 (左のナビゲーションの「データ」) で取り込んでください。このボタンは Waymark のプロジェクトファイル (.json) を取り込みます。',
    ok: '「{{name}}」をインポートしました。',
    migrated: '「{{name}}」をインポートしました（ファイルのバージョン {{from}} から更新）。',
    failed: '「{{file}}」をインポートできませんでした。何も変更していません。',
    empty: 'ファイルが空です。',
    json: 'JSON として正しくありません: {{line}} 行 {{column}} 列: {{message}}。',
    invalid:
      'Waymark のプロジェクトとして正しくありません（問題 {{count}} 件）。ファイルの次の箇所を直すか、Waymark からエクスポートし直してください:',
    issue: '{{path}}: {{message}}',
    more: '…ほか {{count}} 件',
    read: 'ファイルを読み込めませんでした: {{message}}',
  },
  exported: '「{{file}}」をダウンロードしました。',
  failed: '{{action}}できませんでした: {{message}}',
} as const;
