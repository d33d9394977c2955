/** A command line used wrongly: exit code 64 and the usage text. */
export class UsageError extends Error {}
