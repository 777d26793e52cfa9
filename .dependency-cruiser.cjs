/**
 * Waymark's layers as code (docs/architecture.md, "Layers"). `npm run lint` runs this over src/.
 *
 * Each folder of src/ is a layer and may import only the layers listed for it (and itself).
 * The lists are read bottom-up: a layer never imports one above it, so the arrows point one way.
 * Tests (*.test.ts[x]) and test helpers (testing/ folders) may reach further for fixtures, but
 * the React, cycle and test-code rules bind them too.
 */
const LAYERS = {
  // The shared bottoms: no dependencies of their own in src.
  util: [],
  table: [],
  // Strings (en/ja) and the {{name}} filler. Its index.ts sets up i18next for React: ui only.
  i18n: [],
  // zod schemas, the one source of truth.
  model: ['util', 'table', 'i18n'],
  // Above model, side by side (none imports another).
  expr: ['model', 'table', 'util', 'i18n'],
  data: ['model', 'table', 'util', 'i18n'],
  analysis: ['model', 'util', 'i18n'],
  layout: ['model', 'util', 'i18n'],
  // The playbook as a whole where it needs expressions: validation, field renaming.
  playbook: ['model', 'expr', 'util', 'i18n'],
  // Scoring: compiles a playbook's expressions and runs them over the table.
  engine: ['playbook', 'expr', 'model', 'table', 'util', 'i18n'],
  // IndexedDB (Dexie), the document store, undo/redo. `engine` for its result types only (below).
  store: ['data', 'model', 'table', 'util', 'i18n', 'engine'],
  // Web Workers (import, scoring) and the Node CLI.
  workers: [
    'store',
    'engine',
    'playbook',
    'expr',
    'data',
    'analysis',
    'layout',
    'model',
    'table',
    'util',
    'i18n',
  ],
  cli: [
    'engine',
    'playbook',
    'expr',
    'data',
    'analysis',
    'layout',
    'model',
    'table',
    'util',
    'i18n',
  ],
  // React on top.
  ui: [
    'workers',
    'store',
    'engine',
    'playbook',
    'expr',
    'data',
    'analysis',
    'layout',
    'model',
    'table',
    'util',
    'i18n',
  ],
};

const TEST = '(\\.test\\.tsx?$|/testing/|^test/|/bench/|\\.bench\\.ts$)';
const REACT_AND_DOM =
  '(^|/)node_modules/(react|react-dom|react-i18next|@xyflow/react|recharts|@tanstack/react-[^/]+|html-to-image|@testing-library/[^/]+|jsdom)/';

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${[layer, ...allowed].map((l) => `src/${l}`).join(', ')} (docs/architecture.md, Layers).`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: TEST },
  to: { path: '^src/', pathNot: `^src/(${[layer, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'store-engine-types-only',
      comment:
        "src/store keeps run snapshots and so names the engine's result types, but never runs scoring: type-only imports from src/engine.",
      severity: 'error',
      from: { path: '^src/store/', pathNot: TEST },
      to: { path: '^src/engine/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'known-layer',
      comment:
        'Every folder of src/ is a layer listed in .dependency-cruiser.cjs (and docs/architecture.md).',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: `^src/((${Object.keys(LAYERS).join('|')})/|main\\.tsx$|env\\.d\\.ts$)`,
      },
      to: {},
    },
    {
      name: 'no-react-below-ui',
      comment:
        'React and the DOM libraries belong to src/ui: the layers below run in Node, in workers and in tests alike.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(ui/|main\\.tsx$|i18n/index\\.ts$)' },
      to: { path: REACT_AND_DOM },
    },
    {
      name: 'i18next-setup-is-ui',
      comment:
        'src/i18n/index.ts sets up i18next for React; below src/ui read the string tables (i18n/en, i18n/ja) and fill them with i18n/template.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(ui/|main\\.tsx$)|${TEST}` },
      to: { path: '^src/i18n/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between files (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-production',
      comment:
        'Production code never imports tests, test helpers (testing/ folders, test/) or benchmark code.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: 'no-dev-dependency-in-production',
      comment:
        'Production code imports only "dependencies" of package.json; devDependencies are for tests and tools.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too (they make cycles and cross layers just the same).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
