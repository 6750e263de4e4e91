/**
 * Reads the fields of one JSON object and explains, in the validator's words, what is wrong
 * with a field: "Step 3 (resize): width must be a positive whole number, not -4."
 */
import { EnclaveError } from '../../jobs';

export function recipeError(message: string): EnclaveError {
  return new EnclaveError('RecipeError', message);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class FieldReader {
  constructor(
    private readonly object: Record<string, unknown>,
    /** "Step 3 (resize)" or "The recipe". */
    readonly where: string,
  ) {}

  fail(field: string, expectation: string): never {
    throw recipeError(`${this.where}: ${field} must be ${expectation}, not ${describeValue(this.object[field])}.`);
  }

  raw(field: string): unknown {
    return this.object[field];
  }

  /** A message about the object as a whole (two fields that clash). */
  error(problem: string): EnclaveError {
    return recipeError(`${this.where}: ${problem}`);
  }

  has(field: string): boolean {
    return this.object[field] !== undefined;
  }

  /** Refuses fields the step does not know, so a typo ("widht") cannot pass silently. */
  onlyFields(allowed: readonly string[]): void {
    for (const key of Object.keys(this.object)) {
      if (!allowed.includes(key)) {
        throw recipeError(`${this.where}: unknown field "${key}"; the fields are ${allowed.join(', ')}.`);
      }
    }
  }

  number(field: string, check: (v: number) => boolean, expectation: string): number {
    const v = this.object[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) this.fail(field, expectation);
    return v;
  }

  optionalNumber(field: string, check: (v: number) => boolean, expectation: string): number | undefined {
    return this.has(field) ? this.number(field, check, expectation) : undefined;
  }

  positiveInteger(field: string, max = 65_536): number {
    return this.number(field, (v) => Number.isInteger(v) && v > 0 && v <= max, `a positive whole number (at most ${max})`);
  }

  positive(field: string): number {
    return this.number(field, (v) => v > 0, 'a positive number');
  }

  percentile(field: string): number {
    return this.number(field, (v) => v >= 0 && v <= 100, 'a percentile from 0 to 100');
  }

  choice<T extends string>(field: string, choices: readonly T[]): T {
    const v = this.object[field];
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
      this.fail(field, `one of ${choices.map((c) => `"${c}"`).join(', ')}`);
    }
    return v as T;
  }

  optionalChoice<T extends string>(field: string, choices: readonly T[]): T | undefined {
    return this.has(field) ? this.choice(field, choices) : undefined;
  }

  string(field: string): string {
    const v = this.object[field];
    if (typeof v !== 'string' || v.trim() === '') this.fail(field, 'a non-empty text');
    return v;
  }
}

/** Copies only the defined entries, so a validated recipe has no `undefined` holes in its JSON. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
