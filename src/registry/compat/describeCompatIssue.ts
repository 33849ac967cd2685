// Turns a located resolution failure into words for the person changing the schema: what breaks,
// for whom (the direction), and how to make the change safely. Pure text, one case per kind.
import type { CompatDirection } from './compatLevels.js';
import type { ResolutionIssue } from './findResolutionIssues.js';

export interface CompatIssue {
  direction: CompatDirection;
  /** The existing version it was checked against (`old` offline). */
  against: string;
  kind: ResolutionIssue['kind'];
  /** Field path in the reader schema (`voicemail.uploadStatus`, `callbackNumbers[]`); '' = root. */
  path: string;
  message: string;
  fix: string;
}

const where = (path: string): string => (path ? `field '${path}'` : 'the root type');

export function describeCompatIssue(issue: ResolutionIssue, direction: CompatDirection, against: string): CompatIssue {
  const backward = direction === 'backward';
  // Backward: the new schema reads old data. Forward: the old schema (`against`) reads new data.
  const readerLabel = backward ? 'the new schema' : `${against}`;
  const writerLabel = backward ? `data written with ${against}` : 'data written with the new schema';
  const base = { direction, against, kind: issue.kind, path: issue.path };

  switch (issue.kind) {
    case 'MISSING_FIELD':
      return backward
        ? { ...base,
          message: `new field '${issue.path}' (${issue.readerType}) has no default, so the new schema cannot read ${writerLabel}, which lacks it`,
          fix: `give '${issue.path}' a default (for example make it ["null", ...] with "default": null)` }
        : { ...base,
          message: `field '${issue.path}' is missing from the new schema and has no default in ${against}, so readers still on ${against} cannot read new data`,
          fix: `keep '${issue.path}' in the new schema; to remove it, first register a version where it has a default, let consumers upgrade, then remove it` };
    case 'MISSING_SYMBOLS': {
      const symbols = issue.symbols.join(', ');
      return backward
        ? { ...base,
          message: `enum ${issue.enumName} at ${where(issue.path)} no longer has ${symbols}, and has no default: ${writerLabel} holding ${symbols} cannot be read`,
          fix: `keep ${symbols} in ${issue.enumName}, or give the new enum a "default" symbol` }
        : { ...base,
          message: `enum ${issue.enumName} at ${where(issue.path)} gains ${symbols}, but ${issue.enumName} in ${against} has no default: readers on ${against} fail on the new symbols`,
          fix: `add an enum "default" to the old schema first (register that version, let consumers upgrade), then add ${symbols}` };
    }
    case 'TYPE_MISMATCH':
      return { ...base,
        message: `${where(issue.path)} changed type: ${readerLabel} has ${issue.readerType}, ${writerLabel} has ${issue.writerType}`,
        fix: `keep the type (or change it only along Avro's promotions: int→long→float→double, string↔bytes); for a real change add a new field with a default and deprecate '${issue.path || 'the old one'}'` };
    case 'NAME_MISMATCH': {
      const [oldName, newName] = backward ? [issue.writerName, issue.readerName] : [issue.readerName, issue.writerName];
      return { ...base,
        message: `${where(issue.path)}: type ${oldName} was renamed to ${newName}, and ${readerLabel} has no alias for ${backward ? oldName : newName}`,
        fix: backward
          ? `keep the name ${oldName}, or add "aliases": ["${oldName}"] to ${newName}`
          : `keep the name ${oldName}: readers on ${against} cannot learn an alias for the new name` };
    }
    case 'OTHER':
      return { ...base,
        message: `${where(issue.path)}: ${readerLabel} cannot read ${writerLabel}: ${issue.message}`,
        fix: 'make the change in steps that are each compatible (add with defaults first, remove later)' };
  }
}
