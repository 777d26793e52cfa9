// en strings for the 'mapCells' namespace: the journey map's connected cells, print and export.
export default {
  addCta: 'Add CTA',
  addCtaAria: 'Add a CTA for {{stage}}',
  newCtaLabel: 'New CTA for {{stage}}',
  openCta: 'Open “{{cta}}” in the CTA editor',
  undoAddCta: 'Add CTA for a stage',
  opened: 'New CTA “{{cta}}” for {{stage}}: write its trigger below.',
  export: {
    png: 'PNG',
    svg: 'SVG',
    pngTitle: 'Download the map as a PNG image',
    svgTitle: 'Download the map as an SVG image',
    failed: 'Could not export the map: {{message}}',
  },
  print: {
    pageOf: 'Stages {{from}}–{{to}} of {{count}}',
    lane: 'Lane',
    none: '—',
    allStages: 'all stages',
  },
};
