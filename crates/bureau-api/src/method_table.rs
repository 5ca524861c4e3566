//! Every method the API answers by name, listed once: `name(Args) -> Answer`. The line yields
//! the method's entry in `Api::METHODS`, its branch of the dispatcher and its entry in the
//! generated TypeScript (`ui/src/lib/api/methods.ts`, `make types`).

use bureau_core::comparison::Comparison;
use bureau_core::rule_results::RuleResult;
use bureau_core::{Metrics, ScenarioSummary};
use bureau_storage::{AuditEntry, AuditReport};

use crate::dispatch::api_methods;
use crate::jobs::JobStatus;
use crate::typescript::foreign;
use crate::*;

api_methods! {
    workspace_status() -> WorkspaceStatus;
    workspace_create(CreateWorkspaceArgs) -> WorkspaceInfo;
    workspace_unlock(UnlockArgs) -> WorkspaceInfo;
    workspace_lock() -> WorkspaceStatus;
    change_passphrase(ChangePassphraseArgs) -> WorkspaceStatus;
    set_idle_lock(IdleLockArgs) -> WorkspaceStatus;
    workspace_info() -> WorkspaceInfo;
    overview(ScenarioRef) -> Overview;
    metrics(ScenarioRef) -> Metrics;
    check(ScenarioRef) -> Vec<bureau_core::checker::Violation> as Vec<foreign::Violation>;
    solve(SolveArgs) -> bureau_core::optimiser::SolveOutcome as foreign::SolveOutcome;
    rules(ScenarioRef) -> Vec<RuleView>;
    set_rules(SetRulesArgs) -> Vec<RuleView>;
    weights(ScenarioRef) -> WeightsView;
    set_weights(SetWeightsArgs) -> WeightsView;
    rule_results(ScenarioRef) -> Vec<RuleResult>;
    diagnose(SolveArgs) -> Diagnosis;
    solve_start(SolveArgs) -> JobStarted;
    tradeoff_start(TradeoffArgs) -> JobStarted;
    job_status(JobRef) -> JobStatus;
    job_cancel(JobRef) -> JobStatus;
    branch_scenario(BranchArgs) -> ScenarioSummary;
    create_scenario(CreateArgs) -> ScenarioSummary;
    rename_scenario(RenameArgs) -> ScenarioSummary;
    set_scenario_notes(NotesArgs) -> ScenarioSummary;
    set_scenario_status(StatusArgs) -> ScenarioSummary;
    delete_scenario(ScenarioId) -> WorkspaceInfo;
    restore_scenario(ScenarioId) -> ScenarioSummary;
    trash() -> Vec<TrashedScenario>;
    open_scenario(ScenarioId) -> WorkspaceInfo;
    planner_name() -> String;
    set_planner_name(NameArgs) -> String;
    history(HistoryArgs) -> Vec<AuditEntry>;
    audit_verify() -> AuditReport;
    compare(CompareArgs) -> Comparison;
    people(ScenarioRef) -> Vec<PersonView>;
    move_people(MovePeopleArgs) -> EditResult;
    set_pins(SetPinsArgs) -> EditResult;
    set_exclusions(SetExclusionsArgs) -> EditResult;
    apply_changes(ApplyChangesArgs) -> EditResult;
    undo(ScenarioRef) -> EditResult;
    redo(ScenarioRef) -> EditResult;
    edit_state(ScenarioRef) -> EditResult;
    import_preview(FileArgs) -> ImportPreview;
    import_roster(FileArgs) -> ImportResult;
    roster_template() -> FileOut;
    units_import_preview(FileArgs) -> UnitsImportPreview;
    import_units(FileArgs) -> UnitsImportResult;
    units_template() -> FileOut;
    export_document(ExportArgs) -> FileOut;
    document_settings(ScenarioRef) -> DocumentSettingsView;
    set_document_settings(SetDocumentSettingsArgs) -> DocumentSettingsView;
    document_text(ScenarioRef) -> DocumentTextView;
    set_document_paragraph(SetDocumentParagraphArgs) -> DocumentTextView;
    reset_document_paragraph(ResetDocumentParagraphArgs) -> DocumentTextView;
    set_document_phases(SetDocumentPhasesArgs) -> DocumentTextView;
    bureau_info() -> BureauDetails;
    set_bureau_info(SetBureauArgs) -> BureauDetails;
    switch_ratio_rules(ScenarioRef) -> BureauDetails;
    structure(ScenarioRef) -> StructureView;
    edit_structure(EditStructureArgs) -> StructureEditResult;
    workspace_create_from_data(CreateFromDataArgs) -> WorkspaceInfo;
    structure_sheet(ScenarioRef) -> FileOut;
    structure_import_preview(StructureFileArgs) -> StructureImportPreview;
    import_structure(StructureFileArgs) -> StructureEditResult;
    workspace_check_files(CheckFilesArgs) -> FilesCheck;
    workspace_create_from_file(CreateFromFileArgs) -> WorkspaceInfo;
}
