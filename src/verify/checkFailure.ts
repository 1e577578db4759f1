import { PackerError, type ErrorCode } from '../util/index.js';

/** A failed step: a code, a one-line summary and one line per problem. */
export class CheckFailure extends PackerError {
  readonly summary: string;
  readonly problems: string[];
  constructor(code: ErrorCode, summary: string, problems: string[] = []) {
    super(code, ` ${summary}`);
    this.summary = summary;
    this.problems = problems;
  }
}

export function fail(code: ErrorCode, summary: string, problems: string[] = []): never {
  throw new CheckFailure(code, summary, problems);
}
