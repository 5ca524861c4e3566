//! The sample bureau shipped inside every build, opened on first start with no workspace.

use bureau_core::BureauFile;

use crate::ApiError;

pub const SAMPLE_SCENARIO_NAME: &str = "初始方案";

const COUNTY: &str = include_str!("../../../fixtures/county.json");

pub fn sample_bureau_file() -> Result<BureauFile, ApiError> {
    Ok(BureauFile::parse(COUNTY)?)
}
