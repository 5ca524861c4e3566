//! `planner init`: a workspace from a bureau file (`--from`), or from the bureau's own files
//! (`--name … --kind … --as-of … --units … --roster … [--template …]`) through the same API
//! method as the app's first-start wizard.

use std::path::{Path, PathBuf};

use bureau_api::{
    Api, ApiError, CreateFromDataArgs, CreateWorkspaceArgs, ErrorCode, FileArgs, ScenarioRef,
};
use bureau_core::templates::Template;
use bureau_core::{BureauKind, YearMonth};
use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// 县级公安局 (40% ratio defaults)
    County,
    /// 城区公安分局 (50% ratio defaults)
    District,
}

#[derive(Args)]
pub struct InitArgs {
    #[arg(long = "from", value_name = "BUREAU.json", conflicts_with_all = ["name", "units", "roster"])]
    from: Option<PathBuf>,
    /// The bureau's name (with --units and --roster instead of --from).
    #[arg(long, requires_all = ["kind", "as_of", "units", "roster"])]
    name: Option<String>,
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// 基准时间, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    as_of: Option<YearMonth>,
    /// The reform background paragraph that opens the document.
    #[arg(long, default_value = "")]
    background: String,
    /// 单位编制: the units with establishment and posts (XLSX or CSV).
    #[arg(long, value_name = "FILE")]
    units: Option<PathBuf>,
    /// 花名册: the roster (XLSX or CSV).
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// The structure template the first scenario starts from: 1+5N+1, 1+3+4+1 or blank.
    #[arg(long, default_value = "1+5N+1", value_parser = template)]
    template: Template,
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Name of the scenario created from the file's draft.
    #[arg(long, default_value = bureau_api::SAMPLE_SCENARIO_NAME)]
    scenario_name: String,
    /// Encrypt the workspace with the passphrase in the environment variable
    /// PLANNER_PASSPHRASE.
    #[arg(long)]
    encrypt: bool,
}

/// The template names planners type: "1+5N+1" (or "1+5(+N)+1"), "1+3+4+1", "blank".
pub fn template(text: &str) -> Result<Template, String> {
    match text.trim() {
        "1+5N+1" | "1+5(+N)+1" | "1+5+N+1" => Ok(Template::OnePlusFive),
        "1+3+4+1" => Ok(Template::OnePlusThreePlusFour),
        "blank" => Ok(Template::Blank),
        other => Err(format!(
            "no template {other:?}; expected 1+5N+1, 1+3+4+1 or blank"
        )),
    }
}

/// The bureau's own files `init` reads instead of a bureau file.
struct FromData<'a> {
    name: &'a str,
    kind: KindArg,
    as_of: YearMonth,
    units: &'a Path,
    roster: &'a Path,
}

pub fn init(args: InitArgs) -> Result<(), ApiError> {
    match (
        &args.from,
        &args.name,
        args.kind,
        args.as_of,
        &args.units,
        &args.roster,
    ) {
        (Some(from), ..) => init_from_bureau(&args, from),
        (None, Some(name), Some(kind), Some(as_of), Some(units), Some(roster)) => init_from_data(
            &args,
            &FromData {
                name,
                kind,
                as_of,
                units,
                roster,
            },
        ),
        _ => Err(ApiError::new(
            ErrorCode::BadRequest,
            "init needs --from BUREAU.json, or --name, --kind, --as-of, --units and --roster",
        )),
    }
}

/// The passphrase the new workspace at `db` is encrypted with (`None`: not encrypted); refused
/// when the file exists, or when `--encrypt` finds no passphrase in the environment.
fn new_workspace_passphrase(db: &Path, encrypt: bool) -> Result<Option<String>, ApiError> {
    if db.exists() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("{} already exists", db.display()),
        ));
    }
    if !encrypt {
        return Ok(None);
    }
    crate::passphrase::from_env().map(Some).ok_or_else(|| {
        ApiError::new(
            ErrorCode::BadRequest,
            format!(
                "--encrypt needs the passphrase in {}",
                crate::passphrase::ENV
            ),
        )
    })
}

/// `created DB[, encrypted] (…)`: the closing line of either way.
fn created(args: &InitArgs, what: &str) {
    out!(
        "created {}{} ({what})",
        args.db.display(),
        if args.encrypt { ", encrypted" } else { "" },
    );
}

fn init_from_bureau(args: &InitArgs, from: &Path) -> Result<(), ApiError> {
    let passphrase = new_workspace_passphrase(&args.db, args.encrypt)?;
    let api = Api::start(&args.db, None)?;
    let info = api.workspace_create_from_bureau_path(
        CreateWorkspaceArgs {
            encrypt: args.encrypt,
            passphrase,
        },
        from,
        &args.scenario_name,
    )?;
    let here = || ScenarioRef { scenario_id: None };
    let overview = api.overview(here())?;
    let people = api.people(here())?.len();
    created(
        args,
        &format!(
            "{}: {} people, {} old units, {} new units",
            info.bureau.name,
            people,
            overview.old_units.len(),
            overview.new_units.len()
        ),
    );
    Ok(())
}

fn init_from_data(args: &InitArgs, data: &FromData<'_>) -> Result<(), ApiError> {
    let passphrase = new_workspace_passphrase(&args.db, args.encrypt)?;
    let api = Api::start(&args.db, None)?;
    let info = api.workspace_create_from_files(
        CreateFromDataArgs {
            name: data.name.to_owned(),
            kind: match data.kind {
                KindArg::County => BureauKind::County,
                KindArg::District => BureauKind::CityDistrict,
            },
            as_of: data.as_of,
            background: args.background.clone(),
            units: FileArgs::default(),
            roster: FileArgs::default(),
            template: args.template,
            encrypt: args.encrypt,
            passphrase,
        },
        data.units,
        data.roster,
    )?;
    let structure = info
        .scenarios
        .first()
        .map(|s| s.structure_name.clone())
        .unwrap_or_default();
    created(
        args,
        &format!("{}, structure {structure}", info.bureau.name),
    );
    Ok(())
}
