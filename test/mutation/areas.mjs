// Areas for `npm run mutate -- <area>`: the files Stryker mutates and the tests that judge them
// (only those tests run, so a run stays short on a small machine).
export const AREAS = {
  store: {
    mutate: [
      'src/store/persistence.ts',
      'src/store/journal.ts',
      'src/store/tabSync.ts',
      'src/store/openProject.ts',
    ],
    tests: [
      'src/store/persistence.test.ts',
      'src/store/openProject.test.ts',
      'src/store/journal.test.ts',
      'src/store/tabSync.test.ts',
    ],
  },
};
