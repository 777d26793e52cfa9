// ja strings for the 'mapCells' namespace: the journey map's connected cells, print and export.
export default {
  addCta: 'CTAを追加',
  addCtaAria: '{{stage}} にCTAを追加',
  newCtaLabel: '{{stage}} の新しいCTA',
  openCta: '「{{cta}}」をCTAエディタで開く',
  undoAddCta: 'ステージにCTAを追加',
  opened: '{{stage}} の新しいCTA「{{cta}}」: 下でトリガーを書いてください。',
  export: {
    png: 'PNG',
    svg: 'SVG',
    pngTitle: 'マップをPNG画像でダウンロード',
    svgTitle: 'マップをSVG画像でダウンロード',
    failed: 'マップを書き出せませんでした: {{message}}',
  },
  print: {
    pageOf: 'ステージ {{from}}–{{to}}(全{{count}})',
    lane: 'レーン',
    none: '—',
    allStages: '全ステージ',
  },
};
