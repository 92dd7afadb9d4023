/**
 * An error from parsing or executing a template, with Go's message text (`template: name:1:12: ...`).
 * Messages are byte strings internally; `message` here is always readable text.
 */
export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoTemplateError';
  }
}

/** Thrown by a template function to report `error calling <name>: <message>`. */
export class FuncError extends Error {}
