/**
 * recharts' tick values for an axis from 0 (its getNiceTickValues([0, max], tickCount,
 * allowDecimals), recharts 3.10), without recharts: the charts are drawn in HTML and CSS and
 * only this function was left of the library. The same steps: the rough step max / (count - 1)
 * rounded up to a multiple of 10^(d-1) when it has d = 1 integer digit, else of 5·10^(d-2)
 * (recharts' getAdaptiveStep), a step larger by one unit until count ticks from 0 cover max, whole
 * steps only unless decimals are allowed. recharts works in decimal.js; here the step is a whole
 * number of units and each tick is rounded to 12 significant digits, which gives the same numbers
 * (niceTicks.test.ts holds this to recharts' own answers for 1,028 maxima, stored in
 * test/fixtures/charts/nice-ticks-recharts.json).
 */
export function niceTicks(max: number, count: number, allowDecimals: boolean): number[] {
  const n = Math.max(count, 2);
  if (!(max > 0) || !Number.isFinite(max)) {
    // recharts' single-value case at 0: ticks 0, 1, 2, … (its middle tick is (n - 1) / 2).
    return Array.from({ length: count }, (_, i) => i);
  }
  const rough = max / (n - 1);
  const d = digitCount(rough);
  // A step is k units: 10^(d-1) for one integer digit, else 5·10^(d-2) (recharts' 0.1 / 0.05).
  const unit = d === 1 ? 1 : 5 * pow10(d - 2);
  const k0 = Math.ceil(round12(rough / unit));
  for (let cf = 0; ; cf++) {
    let step = round12((k0 + cf) * unit);
    if (!allowDecimals) step = Math.ceil(step);
    if (step <= 0) continue;
    // Ticks from 0 upwards: as many as needed to reach max; fewer than n are padded above.
    if (Math.ceil(round12(max / step)) + 1 <= n)
      return Array.from({ length: n }, (_, i) => round12(i * step));
  }
}

/** Integer digits of x > 0 (0 for [0.1, 1), -1 for [0.01, 0.1), …), as recharts counts them. */
function digitCount(x: number): number {
  let d = Math.floor(Math.log10(x)) + 1;
  while (pow10(d) <= x) d++;
  while (d > -320 && pow10(d - 1) > x) d--;
  return d;
}

/** 10^e, exact for the whole powers a double holds exactly and correctly rounded below 1. */
function pow10(e: number): number {
  return e >= 0 ? 10 ** e : 1 / 10 ** -e;
}

/** x rounded to 12 significant digits: the binary noise of a decimal product removed. */
function round12(x: number): number {
  return Number(x.toPrecision(12));
}
