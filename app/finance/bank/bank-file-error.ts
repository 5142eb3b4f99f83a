// A bank file that cannot be trusted. `where` names the line (CSV, XML) and the element (camt) so
// finance staff can find the fault in the file; nothing of such a file is imported.

/** A statement file that is malformed: the message says what is wrong and where. */
export class BankFileError extends Error {
  constructor(
    message: string,
    readonly where: { line?: number; element?: string } = {},
  ) {
    super([where.line ? `line ${where.line}` : '', where.element ? `<${where.element}>` : '', message].filter(Boolean).join(': '));
    this.name = 'BankFileError';
  }
}
