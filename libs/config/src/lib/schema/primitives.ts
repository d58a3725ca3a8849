// Reusable zod building blocks. Every message is written as "expected ..." so that the loader can
// append ", got <value>" and produce one readable line per error.
import { z } from 'zod';

const msg = (text: string) => ({ error: text });

export const posInt = () =>
  z
    .number(msg('expected a positive integer'))
    .int(msg('expected a positive integer'))
    .positive(msg('expected a positive integer'));

export const nonNegInt = () =>
  z
    .number(msg('expected a non-negative integer'))
    .int(msg('expected a non-negative integer'))
    .nonnegative(msg('expected a non-negative integer'));

export const posNum = () => z.number(msg('expected a positive number')).positive(msg('expected a positive number'));

export const nonNegNum = () =>
  z.number(msg('expected a non-negative number')).nonnegative(msg('expected a non-negative number'));

/** A number in [0, 1] (inclusive). */
export const unit = () =>
  z.number(msg('expected a number in [0, 1]')).min(0, msg('expected a number in [0, 1]')).max(1, msg('expected a number in [0, 1]'));

/** A number in (0, 1) (exclusive), e.g. Adam betas. */
export const openUnit = () =>
  z
    .number(msg('expected a number in (0, 1)'))
    .gt(0, msg('expected a number in (0, 1)'))
    .lt(1, msg('expected a number in (0, 1)'));

export const bool = () => z.boolean(msg('expected true or false'));

export const str = () => z.string(msg('expected a string')).min(1, msg('expected a non-empty string'));

/** A non-empty list of positive integers (channel widths, depths, strides). */
export const posIntList = () =>
  z.array(posInt(), msg('expected a list of positive integers')).min(1, msg('expected a non-empty list of positive integers'));

/** A list of exactly n positive integers. */
export const posIntTuple = (n: number) =>
  z
    .array(posInt(), msg(`expected a list of ${n} positive integers`))
    .length(n, msg(`expected a list of exactly ${n} positive integers`));

/** Adam / AdamW betas: [beta1, beta2], both in (0, 1). */
export const betas = () =>
  z.tuple([openUnit(), openUnit()], msg('expected [beta1, beta2] with both in (0, 1)'));

/** A split ratio written as "train:test", e.g. "7:3". */
export const RATIO_PATTERN = /^[1-9]\d*:[1-9]\d*$/;
export const ratio = () =>
  z.string(msg('expected a ratio "train:test" such as "7:3"')).regex(RATIO_PATTERN, msg('expected a ratio "train:test" such as "7:3"'));

/** Parses "7:3" into the training fraction 0.7. */
export function trainFraction(r: string): number {
  const [train, test] = r.split(':').map(Number);
  return train / (train + test);
}

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, msg(`expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`));

/** An identifier such as an extractor or weights id: lowercase letters, digits, '-', '.', '_'. */
export const ident = () =>
  z
    .string(msg('expected an identifier (lowercase letters, digits, "-", "_", ".")'))
    .regex(/^[a-z0-9][a-z0-9._-]*$/, msg('expected an identifier (lowercase letters, digits, "-", "_", ".")'));

export const int = () => z.number(msg('expected an integer')).int(msg('expected an integer'));

/** A filesystem path, or null when the option does not apply. */
export const nullablePath = () =>
  z.string(msg('expected a path (string) or null')).min(1, msg('expected a non-empty path or null')).nullable();
