// ja strings for the 'shell' namespace. Keys mirror the other language's file.
export default {
  appName: 'Waymark',
  projects: 'プロジェクト',
  navLabel: 'プロジェクトのビュー',
  nav: {
    diagrams: '業務モデル図',
    journey: 'カスタマージャーニー',
    health: 'ヘルススコア',
    ctas: 'CTA',
    fields: 'データ定義',
    data: 'データ',
    results: '結果',
  },
  placeholder: 'このビューはまだありません（別の issue で作成中です）。',
  undo: '元に戻す',
  redo: 'やり直す',
  undoTitle: '元に戻す (Ctrl+Z / ⌘Z)',
  redoTitle: 'やり直す (Ctrl+Shift+Z / Ctrl+Y)',
  language: '言語',
  langName: { ja: '日本語', en: 'English' },
  projectName: 'プロジェクト名',
  renameHint: 'クリックして名前を変更',
  exportTitle:
    'このプロジェクトを 1 つの JSON ファイルとしてダウンロード（バックアップになります）',
  importTitle: 'プロジェクトの JSON ファイルを新しいプロジェクトとして開く',
  save: {
    saved: '保存済み',
    saving: '保存中…',
    error: '保存できませんでした: {{reason}}',
    conflict: '別のタブで変更されました',
    deleted: '別のタブで削除されました',
  },
  storage: {
    quota: 'ブラウザーの保存領域がいっぱいです',
    connection: 'ブラウザーのデータベースとの接続が切れました',
    version:
      '別のタブで新しい Waymark がデータベースを更新しました。このタブを再読み込みしてください（未保存の編集は保持されます）',
    other: '{{detail}}',
    keep: '作業内容はこのタブに残っています。今すぐプロジェクトをファイルにエクスポートし、ディスクの空きを作る（または他のタブを閉じる）してから再試行してください。',
    exportNow: 'プロジェクトをエクスポート',
  },
  conflict: {
    title: 'このプロジェクトは別のタブで変更されました',
    body: 'このタブと別のタブの両方で「{{name}}」が編集されました。残す版を選んでください。両方残すには、先に自分の版をエクスポートしてから相手の版を選びます。',
    keepMine: '自分の版を残す（相手の版を上書き）',
    takeTheirs: '相手の版にする（自分の編集を破棄）',
    mine: '自分の版',
    theirs: '相手の版（保存済み）',
    exportMine: '自分の版をエクスポート',
  },
  deleted: {
    title: 'このプロジェクトは別のタブで削除されました',
    body: '「{{name}}」はこのタブではまだ開いています。復元して保存し直すか、閉じてこの版を破棄してください。',
    restore: '復元する',
    discard: '保存せずに閉じる',
  },
  open: {
    missing:
      'ID「{{id}}」のプロジェクトはこのブラウザーに保存されていません。プロジェクト一覧から選ぶか、ファイルをインポートしてください。',
    invalid:
      '保存されているプロジェクト「{{id}}」を読み込めなかったため開きませんでした（何も変更していません）:',
    back: 'プロジェクト一覧へ',
  },
  recovered: 'タブを閉じたときに未保存だった編集を復元しました。',
  staleRecovery:
    '閉じたタブの未保存の編集がありますが、その後プロジェクトが変更されています。比較するにはダウンロードしてください。',
  upgraded:
    '別のタブで Waymark が更新されました。続けるにはこのタブを再読み込みしてください。未保存の編集は再読み込み後に戻ります。',
  reload: '再読み込み',
  remoteUpdated: '別のタブでの変更を反映しました。',
  viewFailed:
    'このビューでエラーが起きました: {{message}}。プロジェクトは無事です。ビューを切り替えるか再読み込みしてください。',
  backup:
    'プロジェクトはこのブラウザー内にだけ保存されます。バックアップにはプロジェクトをエクスポートしてください。',
} as const;
