/** The Python exception class PyTorch raises for the same input. */
export type PyErrorType = 'RuntimeError' | 'ValueError' | 'IndexError' | 'TypeError';

/**
 * A rejected argument, in PyTorch's words. `argument` names the offending parameter or
 * forward argument so editors can point at it.
 */
export class LossError extends Error {
  constructor(
    readonly type: PyErrorType,
    readonly argument: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'LossError';
  }
}

export function runtimeError(argument: string | undefined, message: string): never {
  throw new LossError('RuntimeError', argument, message);
}

export function valueError(argument: string | undefined, message: string): never {
  throw new LossError('ValueError', argument, message);
}

export function indexError(argument: string | undefined, message: string): never {
  throw new LossError('IndexError', argument, message);
}

export function typeError(argument: string | undefined, message: string): never {
  throw new LossError('TypeError', argument, message);
}
