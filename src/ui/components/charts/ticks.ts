/**
 * Axis ticks at "nice" values (1, 2 or 5 times a power of ten), the rule of d3-array's ticks,
 * so that axes read 0, 0.2, 0.4 rather than 0, 0.1667, 0.3333.
 */

/** Step thresholds between 1, 2, 5 and 10: the geometric means of neighbours, as d3 uses. */
const TO_TEN = Math.sqrt(50);
const TO_FIVE = Math.sqrt(10);
const TO_TWO = Math.sqrt(2);

/** Slack for products such as 0.7 · 10 = 7.000000000000001 that should count as whole. */
const EPSILON = 1e-9;

/**
 * The nice step as an exact pair: step = factor · 10^power. Ticks are built from the pair so
 * that 3 · 0.2 is printed 0.6 and not 0.6000000000000001.
 */
function stepParts(min: number, max: number, count: number): { factor: number; power: number } {
  const raw = (max - min) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= TO_TEN ? 10 : error >= TO_FIVE ? 5 : error >= TO_TWO ? 2 : 1;
  return { factor, power };
}

/** The nice distance between ticks for about `count` intervals over [min, max]; NaN when the span is empty. */
export function tickStep(min: number, max: number, count = 5): number {
  if (!(max > min) || !Number.isFinite(max - min)) return Number.NaN;
  const { factor, power } = stepParts(min, max, count);
  return power >= 0 ? factor * 10 ** power : factor / 10 ** -power;
}

/** Ticks inside [min, max], ascending, at multiples of tickStep. A zero-width span gives [min]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  if (min > max) return niceTicks(max, min, count);
  const { factor, power } = stepParts(min, max, count);
  const ticks: number[] = [];
  if (power >= 0) {
    const step = factor * 10 ** power;
    for (let i = Math.ceil(min / step - EPSILON); i <= Math.floor(max / step + EPSILON); i++) ticks.push(i * step);
  } else {
    // Divide by the whole number of steps per unit rather than multiply by a fractional step.
    const perUnit = 10 ** -power / factor;
    for (let i = Math.ceil(min * perUnit - EPSILON); i <= Math.floor(max * perUnit + EPSILON); i++) ticks.push(i / perUnit);
  }
  return ticks.map((t) => (Object.is(t, -0) ? 0 : t));
}

/**
 * [min, max] widened outwards to whole tick steps, so the axis starts and ends on a labelled
 * tick. An empty span is padded (a flat loss curve still gets an axis); non-finite input gives [0, 1].
 */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) return niceDomain(max, min, count);
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceDomain(min - pad, max + pad, count);
  }
  let low = min;
  let high = max;
  // A second pass, because widening can change the step (d3's nice() does the same).
  for (let pass = 0; pass < 2; pass++) {
    const { factor, power } = stepParts(low, high, count);
    // Whole steps per unit (or units per step), so 0.3 / 0.1 is 3 and not 2.9999999999999996.
    const perUnit = power >= 0 ? 1 / (factor * 10 ** power) : 10 ** -power / factor;
    const toUnits = (steps: number): number => (power >= 0 ? steps * factor * 10 ** power : steps / perUnit);
    low = toUnits(Math.floor(low * perUnit + EPSILON));
    high = toUnits(Math.ceil(high * perUnit - EPSILON));
  }
  return [low, high];
}

/** Decimal places that show a tick step exactly (0.2 → 1, 0.05 → 2, 50 → 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** A tick label with as many decimals as the step needs, never "-0". */
export function formatTick(value: number, step: number): string {
  const text = value.toFixed(stepDecimals(step));
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** A label function for one axis: the decimals follow the distance between its ticks. */
export function tickFormatter(ticks: readonly number[]): (value: number) => string {
  const [first, second] = ticks;
  const step = first !== undefined && second !== undefined ? second - first : Math.abs(first ?? 1) || 1;
  return (value) => formatTick(value, step);
}
