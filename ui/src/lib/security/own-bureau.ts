// The first-start wizard "从本局数据开始": its steps, the checks made before the backend is asked
// (which checks everything again), and how `workspace_check_files`' structured problems lead
// back to the step at fault — by their step and code, never by message text.
import type { BureauKind, CheckProblem, CheckStep, FilesCheck } from '../api';
import { expectedText } from '../i18n/expected-text';
import type { MessageKey } from '../i18n/messages';

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

/** The wizard step of a checked problem (`workspace_check_files` names it). */
const STEP_OF: Record<CheckStep, WizardStep> = { details: 'details', units: 'units', roster: 'roster' };

/**
 * Where the planner must go back to: the first step, in the wizard's order, that has a problem
 * in `workspace_check_files`' answer; null when it has none.
 */
export function stepOfCheck(check: FilesCheck): WizardStep | null {
  const steps = new Set(check.problems.map((p) => STEP_OF[p.step]));
  return WIZARD_STEPS.find((s) => steps.has(s)) ?? null;
}

/** The problems of one step, in the order the backend found them. */
export function problemsOf(check: FilesCheck | null, step: WizardStep): CheckProblem[] {
  return check ? check.problems.filter((p) => STEP_OF[p.step] === step) : [];
}

/**
 * The placeholders of a problem's localised line (`own.check.<code>`): where it is (sheet,
 * row, column) and what was found there and expected.
 */
export function problemParams(
  p: CheckProblem,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): Record<string, string | number> {
  return {
    file: p.file ?? '',
    sheet: p.sheet ?? '',
    row: p.row ?? '',
    column: p.column ?? '',
    found: p.found,
    expected: expectedText(t, p.expected),
  };
}

/** Whether the open workspace is the bundled sample (the API does not flag it; its name does). */
export function isSampleBureau(name: string | null | undefined): boolean {
  return (name ?? '').trim() === SAMPLE_BUREAU_NAME;
}
