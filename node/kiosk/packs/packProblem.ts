/**
 * One problem found in a pack: the file it is about (relative to the pack root, `manifest.json`
 * for manifest problems, the archive's name for archive-level ones), the JSON path inside the
 * manifest when there is one (`history.stories[0].cover`, or '' when not), and a sentence.
 */
export interface PackProblem {
  file: string;
  path: string;
  message: string;
}

/** Thrown when a pack is refused; carries every problem found, not just the first. */
export class PackError extends Error {
  constructor(
    readonly problems: PackProblem[],
    summary = `the pack was refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
  ) {
    super(`${summary}\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'PackError';
  }
}

/** `manifest.json history.stories[0].cover: "x.png" is not listed in assets` */
export function formatProblem(p: PackProblem): string {
  return `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}
