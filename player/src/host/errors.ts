/**
 * A SCORM package the host refuses to unpack or play: a hostile or broken
 * zip, a missing or unreadable manifest. `message` names the cause and what
 * to do; `code` is stable for API answers.
 */
export class PackageRejectedError extends Error {
  constructor(
    readonly code:
      | 'invalid_name'
      | 'unsafe_entry'
      | 'too_many_files'
      | 'too_large'
      | 'unreadable_zip'
      | 'missing_manifest'
      | 'invalid_manifest',
    message: string,
  ) {
    super(message);
    this.name = 'PackageRejectedError';
  }
}
