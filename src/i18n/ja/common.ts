// ja strings for the 'common' namespace. Keys mirror the other language's file.
export default {
  ok: 'OK',
  cancel: 'キャンセル',
  close: '閉じる',
  save: '保存',
  delete: '削除',
  rename: '名前を変更',
  duplicate: '複製',
  open: '開く',
  export: 'エクスポート',
  import: 'インポート',
  create: '作成',
  retry: '再試行',
  download: 'ダウンロード',
  loading: '読み込み中…',
  name: '名前',
} as const;
