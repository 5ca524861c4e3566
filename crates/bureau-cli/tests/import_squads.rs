//! `planner import squads` on a bureau that is not the sample (测试县公安局, made from its own
//! units and roster, so without squad figures): a bad file is refused with every problem on
//! its row and column and exit code 1, a dry run changes nothing, and the import puts the
//! squads' table into the exported spreadsheet.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

use bureau_io::import::{roster_xlsx, units_xlsx};
use bureau_samples::{test_county, TEST_BUREAU_NAME};

fn planner(args: &[&str], paths: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_planner"));
    cmd.args(args);
    for (flag, path) in paths {
        cmd.arg(flag).arg(path);
    }
    cmd.output().expect("planner runs")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// The sheet names of an XLSX.
fn sheets(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("opens")).expect("zip");
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

const HEADER: &str = "交警中队,道路里程,年交通事故数,年交通警情数,机动车保有量\n";

#[test]
fn squad_figures_are_refused_row_by_row_then_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bureau = test_county();
    let units = dir.path().join("单位编制.xlsx");
    let roster = dir.path().join("花名册.xlsx");
    std::fs::write(&units, units_xlsx(&bureau.old_units).expect("units")).expect("writes");
    std::fs::write(
        &roster,
        roster_xlsx(&bureau.people, &bureau.old_units, &[]).expect("roster"),
    )
    .expect("writes");
    let db = dir.path().join("w.bpw");
    let out = planner(
        &[
            "init",
            "--name",
            TEST_BUREAU_NAME,
            "--kind",
            "county",
            "--as-of",
            "2027-03",
            "--template",
            "1+5N+1",
        ],
        &[("--units", &units), ("--roster", &roster), ("--db", &db)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = dir.path().join("plan.xlsx");
    let export = || {
        let out = planner(&["export", "xlsx"], &[("--db", &db), ("--out", &xlsx)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        sheets(&xlsx)
    };
    assert!(!export().contains("交警中队警力配置测算表"));

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!("{HEADER}河东交警中队,180,-5,3100,38000\n河西交警中队,420,150,很多,16000\n青山交警中队,1,1,1,1\n"),
    )
    .expect("writes");
    let out = planner(&["import", "squads", s(&bad)], &[("--db", &db)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for at in [
        "row 2, column C (年交通事故数)",
        "row 3, column D (年交通警情数)",
        "row 4, column A (交警中队)",
    ] {
        assert!(err.contains(at), "{at} in {err}");
    }
    assert!(err.contains("nothing was imported"), "{err}");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        format!("{HEADER}河东交警中队,180,260,3100,38000\nu18,420,150,1400,16000\n"),
    )
    .expect("writes");
    let out = planner(
        &["import", "squads", "--dry-run", s(&good)],
        &[("--db", &db)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("figures for 2 traffic squad(s)"));
    assert!(
        !export().contains("交警中队警力配置测算表"),
        "a dry run changes nothing"
    );

    let out = planner(&["import", "squads", s(&good)], &[("--db", &db)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(export().contains("交警中队警力配置测算表"));

    // The template lists both squads and reads back without problems.
    let template = dir.path().join("交警中队辖区情况表.xlsx");
    let out = planner(
        &["import", "squads-template"],
        &[("--db", &db), ("--out", &template)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = planner(
        &["import", "squads", "--dry-run", s(&template)],
        &[("--db", &db)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
