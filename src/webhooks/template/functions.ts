import type { GoType, RValue } from './types.js';

/**
 * A function callable from a template, described by its Go signature so that argument checking and
 * conversion follow text/template's rules. `call` receives, per parameter kind: the raw value for
 * `reflect.Value` parameters, the dynamic value (null for nil) for `interface {}` parameters, and a
 * value of the parameter's type otherwise. It throws FuncError for Go's returned error.
 */
export interface GoFunc {
  params: GoType[];
  /** The last parameter is a slice type taking the remaining arguments. */
  variadic: boolean;
  /** Number of Go results: 1, or 2 when the second is an error. */
  results: number;
  /** True for text/template's own builtins (and/or are evaluated lazily). */
  builtin?: boolean;
  call: (args: RValue[]) => RValue;
}

export function fn(
  params: GoType[],
  call: (args: RValue[]) => RValue,
  options: { variadic?: boolean; results?: number; builtin?: boolean } = {},
): GoFunc {
  return {
    params,
    call,
    variadic: options.variadic ?? false,
    results: options.results ?? 1,
    builtin: options.builtin ?? false,
  };
}
