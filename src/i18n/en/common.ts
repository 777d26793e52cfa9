// en strings for the 'common' namespace. Keys mirror the other language's file.
export default {
  ok: 'OK',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  delete: 'Delete',
  rename: 'Rename',
  duplicate: 'Duplicate',
  open: 'Open',
  export: 'Export',
  import: 'Import',
  create: 'Create',
  retry: 'Retry',
  download: 'Download',
  loading: 'Loading…',
  name: 'Name',
} as const;
