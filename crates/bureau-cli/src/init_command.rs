//! `planner init --name … --kind … --as-of … --units … --roster … [--template …]`: a workspace
//! from the bureau's own files, through the same API method as the app's first-start wizard.

use std::path::{Path, PathBuf};

use bureau_api::{Api, ApiError, CreateFromDataArgs, ErrorCode, FileArgs};
use bureau_core::templates::Template;
use bureau_core::{BureauKind, YearMonth};
use clap::ValueEnum;

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// 县级公安局 (40% ratio defaults)
    County,
    /// 城区公安分局 (50% ratio defaults)
    District,
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

pub struct FromData<'a> {
    pub db: &'a Path,
    pub name: String,
    pub kind: KindArg,
    pub as_of: YearMonth,
    pub background: String,
    pub units: PathBuf,
    pub roster: PathBuf,
    pub template: Template,
    pub encrypt: bool,
}

pub fn init_from_data(args: &FromData<'_>) -> Result<(), ApiError> {
    if args.db.exists() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("{} already exists", args.db.display()),
        ));
    }
    let passphrase = if args.encrypt {
        Some(crate::passphrase::from_env().ok_or_else(|| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "--encrypt needs the passphrase in {}",
                    crate::passphrase::ENV
                ),
            )
        })?)
    } else {
        None
    };
    let api = Api::start(args.db, None)?;
    let info = api.workspace_create_from_files(
        CreateFromDataArgs {
            name: args.name.clone(),
            kind: match args.kind {
                KindArg::County => BureauKind::County,
                KindArg::District => BureauKind::CityDistrict,
            },
            as_of: args.as_of,
            background: args.background.clone(),
            units: FileArgs::default(),
            roster: FileArgs::default(),
            template: args.template,
            encrypt: args.encrypt,
            passphrase,
        },
        &args.units,
        &args.roster,
    )?;
    let structure = info
        .scenarios
        .first()
        .map(|s| s.structure_name.clone())
        .unwrap_or_default();
    out!(
        "created {}{} ({}, structure {structure})",
        args.db.display(),
        if args.encrypt { ", encrypted" } else { "" },
        info.bureau.name,
    );
    Ok(())
}
