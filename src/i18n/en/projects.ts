// en strings for the 'projects' namespace. Keys mirror the other language's file.
export default {
  title: 'Projects',
  new: 'New project',
  empty: 'No projects yet. Create one, or import a project file.',
  updated: 'Updated {{date}}',
  template: 'Template: {{name}}',
  actions: 'Actions for {{name}}',
  duplicated:
    'Created “{{name}}”: a copy of the model (diagrams, journey, health score, CTAs, fields). Datasets and runs are not copied: import the data in the copy to score it.',
  copyName: '{{name}} (copy)',
  newDialog: {
    title: 'New project',
    name: 'Name',
    namePlaceholder: 'e.g. FY2027 success roadmap',
    template: 'Start from',
    empty: 'Empty project',
    nameRequired: 'Enter a name for the project.',
  },
  renameDialog: { title: 'Rename project' },
  deleteDialog: {
    title: 'Delete “{{name}}”?',
    body: 'The project, its datasets and its results are deleted from this browser. This cannot be undone: export the project first if you may need it.',
  },
  import: {
    dataFile:
      '“{{file}}” is account data, not a project file. Open a project and import it in the Data view (Data in the left navigation); this button imports Waymark project files (.json).',
    ok: 'Imported “{{name}}”.',
    migrated: 'Imported “{{name}}” (upgraded from file version {{from}}).',
    failed: 'Could not import “{{file}}”: nothing was changed.',
    empty: 'The file is empty.',
    json: 'It is not valid JSON: line {{line}}, column {{column}}: {{message}}.',
    invalid:
      'It is not a valid Waymark project ({{count}} problems). Fix these places in the file, or export it again from Waymark:',
    issue: '{{path}}: {{message}}',
    more: '… and {{count}} more',
    read: 'The file could not be read: {{message}}',
  },
  exported: 'Downloaded “{{file}}”.',
  failed: 'Could not {{action}}: {{message}}',
} as const;
