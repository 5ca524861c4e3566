// The first-start wizard "从本局数据开始": its steps, the checks made before the backend is asked
// (which checks everything again), and how a refusal from `workspace_create_from_data` is
// turned back into the step at fault and a list of located problems.
import type { BureauKind } from '../api';

export type WizardStep = 'details' | 'units' | 'roster' | 'template' | 'security';
export const WIZARD_STEPS: readonly WizardStep[] = ['details', 'units', 'roster', 'template', 'security'];

export type StructureTemplate = '1+5(+N)+1' | '1+3+4+1' | 'blank';
export const TEMPLATES: readonly StructureTemplate[] = ['1+5(+N)+1', '1+3+4+1', 'blank'];

/** The bundled sample's bureau: `workspace_create` makes it, and the header marks it. */
export const SAMPLE_BUREAU_NAME = '青山县公安局';

/** The backend's limits (`set_bureau_info`, the import bounds). */
export const MAX_NAME_CHARS = 60;
export const MAX_BACKGROUND_CHARS = 20_000;
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface BureauDetailsDraft {
  name: string;
  kind: BureauKind;
  asOf: string;
  background: string;
}

export type DetailsProblem = 'nameEmpty' | 'nameTooLong' | 'asOfFormat' | 'asOfRange' | 'backgroundTooLong';
export type FileProblem = 'missing' | 'wrongType' | 'tooLarge' | 'empty';

export interface ChosenFile {
  name: string;
  size: number;
}

/** Characters, not UTF-16 units, as the backend counts them. */
const chars = (s: string) => [...s].length;

/** The problems of the first step, by field (at most one each). */
export function detailsProblems(d: BureauDetailsDraft): Partial<Record<'name' | 'asOf' | 'background', DetailsProblem>> {
  const out: Partial<Record<'name' | 'asOf' | 'background', DetailsProblem>> = {};
  const name = d.name.trim();
  if (name.length === 0) out.name = 'nameEmpty';
  else if (chars(name) > MAX_NAME_CHARS) out.name = 'nameTooLong';
  const asOf = asOfProblem(d.asOf);
  if (asOf) out.asOf = asOf;
  if (chars(d.background.trim()) > MAX_BACKGROUND_CHARS) out.background = 'backgroundTooLong';
  return out;
}

/** 基准时间 as the backend reads it: `YYYY-MM`, a year from 1900 to 2100. */
export function asOfProblem(value: string): DetailsProblem | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m) return 'asOfFormat';
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900 || year > 2100) return 'asOfRange';
  return null;
}

/** A units or roster file the importer can read: CSV or XLSX, not empty, within the size bound. */
export function fileProblem(file: ChosenFile | null): FileProblem | null {
  if (!file) return 'missing';
  if (!/\.(csv|xlsx)$/i.test(file.name)) return 'wrongType';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_FILE_BYTES) return 'tooLarge';
  return null;
}

/** Whether the planner may leave `step` forward. */
export function stepComplete(
  step: WizardStep,
  state: { details: BureauDetailsDraft; units: ChosenFile | null; roster: ChosenFile | null },
): boolean {
  if (step === 'details') return Object.keys(detailsProblems(state.details)).length === 0;
  if (step === 'units') return fileProblem(state.units) === null;
  if (step === 'roster') return fileProblem(state.roster) === null;
  return true;
}

/**
 * The step a refusal of `workspace_create_from_data` belongs to: the backend names the file
 * ("the units file has …", "the roster has …", or the file's name for one too large) or the
 * field (`bureau.name`). Null when it names neither (the planner stays where they are).
 */
export function stepOfError(message: string, files: { units?: string; roster?: string }): WizardStep | null {
  if (/^the units file\b/.test(message)) return 'units';
  if (/^the roster\b/.test(message)) return 'roster';
  if (/^bureau\.(name|as_of|background)\b/.test(message)) return 'details';
  // Otherwise the file's name, where it appears first (a problem line starts with it).
  const at = (name?: string) => (name ? message.indexOf(name) : -1);
  const u = at(files.units);
  const r = at(files.roster);
  if (u >= 0 && (r < 0 || u <= r)) return 'units';
  if (r >= 0) return 'roster';
  return null;
}

/**
 * The located problems of an import refusal, one per entry: the backend joins the first ones
 * with "; " after "nothing was imported: ". Separators inside quoted values are kept.
 */
export function problemLines(message: string): string[] {
  const marker = 'nothing was imported: ';
  const at = message.indexOf(marker);
  if (at < 0) return [message];
  const rest = message.slice(at + marker.length);
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quoted && c === '\\' && i + 1 < rest.length) {
      current += c + rest[i + 1];
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && c === ';' && rest[i + 1] === ' ') {
      lines.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += c;
  }
  if (current.trim()) lines.push(current.trim());
  return lines.filter((l) => l.length > 0);
}

/** The one-line summary in front of the problems ("the roster has 3 problem(s)"), or null. */
export function problemCount(message: string): number | null {
  const m = /^the (?:units file|roster) has (\d+) problem/.exec(message);
  return m ? Number(m[1]) : null;
}

/** Whether the open workspace is the bundled sample (the API does not flag it; its name does). */
export function isSampleBureau(name: string | null | undefined): boolean {
  return (name ?? '').trim() === SAMPLE_BUREAU_NAME;
}
