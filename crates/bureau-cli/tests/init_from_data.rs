//! `planner init` from a bureau's own files: 测试县公安局's units and roster written as XLSX,
//! a workspace made from them with a template, and its DOCX and XLSX documents carry the new
//! bureau and no string of the bundled sample (青山, its units, its people). Bad input creates
//! no workspace file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bureau_core::{BureauFile, Tier};
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

/// The bureau's files as a reform office would have them.
fn files(dir: &Path) -> (PathBuf, PathBuf) {
    let bureau = test_county();
    let units = dir.join("单位编制.xlsx");
    let roster = dir.join("花名册.xlsx");
    std::fs::write(&units, units_xlsx(&bureau.old_units).expect("units")).expect("writes");
    std::fs::write(
        &roster,
        roster_xlsx(&bureau.people, &bureau.old_units, &[]).expect("roster"),
    )
    .expect("writes");
    (units, roster)
}

/// All text of a DOCX or XLSX: every XML part with its tags removed.
fn text_of(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("opens");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        if !part.name().expect("a part name").ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("utf-8 xml");
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => all.push(c),
                _ => {}
            }
        }
        all.push('\n');
    }
    all
}

/// Strings only the bundled sample has: its name, its stations and squads, its people.
fn sample_strings() -> Vec<String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/county.json"),
    )
    .expect("fixture");
    let sample = BureauFile::parse(&text).expect("valid");
    let mut strings = vec!["青山".to_owned()];
    strings.extend(
        sample
            .old_units
            .iter()
            .filter(|u| u.tier == Tier::Grassroots)
            .map(|u| u.name.clone()),
    );
    strings.extend(sample.people.iter().map(|p| p.name.clone()));
    strings
}

#[test]
fn a_new_bureau_from_its_own_files_gets_its_own_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (units, roster) = files(dir.path());
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
    assert!(String::from_utf8_lossy(&out.stdout).contains("1+5(+N)+1"));

    let sample = sample_strings();
    for format in ["docx", "xlsx"] {
        let doc = dir.path().join(format!("plan.{format}"));
        let out = planner(&["export", format], &[("--db", &db), ("--out", &doc)]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = text_of(&doc);
        if format == "docx" {
            // The spreadsheet holds the document's tables only, without its title.
            assert!(text.contains(TEST_BUREAU_NAME), "{format}: no bureau name");
        }
        assert!(text.contains("刑事侦查部"), "{format}: no new department");
        assert!(
            text.contains("柏树坪派出所"),
            "{format}: no station of ours"
        );
        for s in &sample {
            assert!(
                !text.contains(s.as_str()),
                "{format}: the sample's {s:?} appears"
            );
        }
    }
}

#[test]
fn bad_input_creates_no_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (units, roster) = files(dir.path());
    let db = dir.path().join("w.bpw");
    let base = ["init", "--kind", "county", "--as-of", "2027-03"];
    let paths = [("--units", &*units), ("--roster", &*roster), ("--db", &*db)];

    let out = planner(&[&base[..], &["--name", "  "]].concat(), &paths);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bureau.name"));
    assert!(!db.exists());

    // A roster naming a unit the units file does not have: refused with its row and column.
    let mut bureau = test_county();
    bureau.people[5].current_unit = "u99".into();
    let bad_roster = dir.path().join("坏花名册.xlsx");
    std::fs::write(
        &bad_roster,
        roster_xlsx(&bureau.people, &bureau.old_units[..], &[]).expect("roster"),
    )
    .expect("writes");
    let out = planner(
        &[&base[..], &["--name", TEST_BUREAU_NAME]].concat(),
        &[
            ("--units", &units),
            ("--roster", &bad_roster),
            ("--db", &db),
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("坏花名册.xlsx") && err.contains("row 7"),
        "{err}"
    );
    assert!(!db.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("w.bpw"))
        // The sidecar lock file holds no data; deleting it on release would let two processes
        // lock different files of one name (docs/security.md).
        .filter(|e| e.file_name() != "w.bpw.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
