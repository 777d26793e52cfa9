// en strings for the 'shell' namespace. Keys mirror the other language's file.
export default {
  appName: 'Waymark',
  projects: 'Projects',
  navLabel: 'Project views',
  nav: {
    diagrams: 'Process diagrams',
    journey: 'Journey',
    health: 'Health score',
    ctas: 'CTAs',
    fields: 'Data dictionary',
    data: 'Data',
    results: 'Results',
    overview: 'Overview',
  },
  placeholder: 'This view is not built yet: its own issue builds it.',
  undo: 'Undo',
  redo: 'Redo',
  undoTitle: 'Undo (Ctrl+Z / ⌘Z)',
  redoTitle: 'Redo (Ctrl+Shift+Z / Ctrl+Y)',
  undoStep: 'Undo: {{label}}',
  redoStep: 'Redo: {{label}}',
  stepInDiagram: '{{step}} — in diagram “{{name}}” (opens it)',
  stepInView: '{{step}} — in {{view}}, diagram “{{name}}”',
  language: 'Language',
  langName: { ja: '日本語', en: 'English' },
  projectName: 'Project name',
  renameHint: 'Click to rename',
  exportTitle: 'Download this project as one JSON file: your backup',
  importTitle: 'Open a project JSON file as a new project',
  save: {
    saved: 'Saved',
    saving: 'Saving…',
    error: 'Could not save: {{reason}}',
    conflict: 'Changed in another tab',
    deleted: 'Deleted in another tab',
    unreadable: 'Stored copy not readable here',
  },
  storage: {
    quota: 'browser storage is full',
    connection: 'the connection to the browser database was lost',
    version:
      'a newer Waymark upgraded the database in another tab: reload this tab (unsaved edits are kept)',
    other: '{{detail}}',
    keep: 'Your work is kept in this tab. Export the project to a file now; then free disk space (or close other tabs) and retry.',
    exportNow: 'Export project',
  },
  conflict: {
    title: 'This project was changed in another tab',
    body: 'You and another tab both edited “{{name}}”. Choose which version to keep. To keep both, export yours first, then take theirs.',
    keepMine: 'Keep mine (overwrite theirs)',
    takeTheirs: 'Take theirs (drop my edits)',
    mine: 'Your version',
    theirs: 'Their version (stored)',
    exportMine: 'Export my version',
  },
  deleted: {
    title: 'This project was deleted in another tab',
    body: '“{{name}}” is still open here. Restore it to store it again, or close it and lose this copy.',
    restore: 'Restore it',
    discard: 'Close without saving',
  },
  open: {
    missing:
      'No project with id “{{id}}” is stored in this browser. Pick one from the project list or import its file.',
    invalid:
      'The stored project “{{id}}” could not be read, so it was not opened (nothing was changed):',
    back: 'Back to projects',
  },
  recovered: 'Recovered edits that were not yet saved when the tab closed.',
  staleRecovery:
    'Edits from a closed tab were not saved, and the project has changed since. Download them to compare.',
  upgraded:
    'Waymark was updated in another tab. Reload this tab to continue; unsaved edits come back after the reload.',
  reload: 'Reload',
  remoteUpdated: 'Updated with changes from another tab.',
  viewFailed: 'This view failed: {{message}}. Your project is safe; switch views or reload.',
  backup: 'Projects live in this browser only. Export a project to keep a backup file.',
  leave: {
    title: 'Your latest edits are not saved yet',
    body: '“{{name}}” has edits that could not be saved ({{reason}}). They are kept in this tab and in its emergency copy. Before leaving, export the project to a file, or discard the edits on purpose.',
    export: 'Export, then leave',
    discard: 'Discard my edits and leave',
    retry: 'Retry saving',
    stay: 'Stay here',
    chooseFirst:
      'Choose what to do with this project first: until you do, both versions are kept (yours here, the other one in storage).',
  },
  unreadable: {
    title: 'Saved by a newer version of Waymark',
    bodyNewer:
      'Another tab running a newer Waymark stored “{{name}}” as document version {{theirs}}; this tab understands version {{ours}}. It will not overwrite that copy. Your edits here are kept: export them, and reload this tab to use the newer Waymark.',
    bodyDamaged:
      'The stored copy of “{{name}}” (saved by another tab) cannot be read by this Waymark, so it will not be overwritten. Your edits here are kept: export them, and export the stored copy to inspect it.',
    exportTheirs: 'Export the stored copy',
    discard: 'Close and drop my edits',
  },
  journalFailed:
    'The emergency copy of your edits could not be written to this browser either ({{detail}}). Export the project to a file now.',
  olderJournal: {
    text: 'Edits from a tab closed on {{at}} were not applied, because the project was saved after them. They are kept until you restore or discard them.',
    textNewer:
      'Edits from a tab closed on {{at}} were written by a newer Waymark (version {{version}}) and cannot be opened here. They are kept until you discard them: download them to keep a copy.',
    textUnreadable:
      'Edits from a tab closed on {{at}} cannot be read by this Waymark. They are kept until you discard them: download them to keep a copy.',
    restore: 'Restore them (replace the current version)',
    discard: 'Discard them',
    restored: 'Restored the older edits. Undo brings back the version before.',
  },
} as const;
