// A command refused for a reason only the database knows (a code already taken, a row gone): the
// staff page shows `message` (a `programme-editor` key) next to `field`, or above the form when
// `field` is undefined. Nothing was written.
export class EditRefusedError extends Error {
  constructor(
    readonly message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EditRefusedError';
  }
}
