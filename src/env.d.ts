interface ImportMetaEnv {
  /**
   * '1' in builds for the benchmarks and the e2e suite (and in vitest): they carry the benchmark
   * hooks (`?bench=prep`, performance marks). `npm run build` leaves it unset, so production
   * does not (vite replaces the test with a constant and drops the code).
   */
  readonly VITE_BENCH?: string;
}
