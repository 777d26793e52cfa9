/**
 * Rounding half away from zero, written as the exact sequence of double operations the SQL
 * compiler emits (see sql.ts), so JS, DuckDB and PostgreSQL give bit-identical results.
 */
export function pow10(digits: number): number {
  return Math.pow(10, digits);
}

export function roundHalfAway(x: number, factor: number): number {
  return x < 0 ? -Math.floor(-x * factor + 0.5) / factor : Math.floor(x * factor + 0.5) / factor;
}
