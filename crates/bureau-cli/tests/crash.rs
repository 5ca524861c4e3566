//! Crash safety: `planner serve` is killed (SIGKILL) at a random moment during a stream of
//! edits, 20 times over one workspace. After each kill the file opens (its `integrity_check`
//! passes), every edit the server acknowledged is there, and the audit chain verifies.

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use bureau_storage::Workspace;
use serde_json::{json, Value};
use support::{call, init_workspace, serve, try_call};

const RUNS: u64 = 20;
/// The stream goes on until the kill; this bound only keeps a server that never dies from
/// hanging the test.
const MAX_EDITS_PER_RUN: usize = 1_000_000;

/// splitmix64: deterministic "random" kill moments, so a failure can be replayed.
fn random(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn killing_the_server_mid_stream_loses_no_acknowledged_edit() {
    let (_dir, db) = init_workspace("county.json");
    let (people, stations) = {
        let server = serve(&db);
        let people: Vec<String> = call(&server, "people", json!({}))
            .as_array()
            .expect("people")
            .iter()
            .filter_map(|p| p["police_number"].as_str().map(str::to_owned))
            .collect();
        let stations: Vec<Value> = call(&server, "overview", json!({}))["new_units"]
            .as_array()
            .expect("units")
            .iter()
            .filter(|u| u["kind"] == "police_station")
            .map(|u| u["id"].clone())
            .take(3)
            .collect();
        (people, stations)
    };
    assert!(!people.is_empty() && stations.len() == 3);

    let mut seed = 20_231_123;
    // What the server acknowledged, and the one edit that may have been in flight at the kill.
    let mut expected: BTreeMap<String, Value> = BTreeMap::new();
    let mut acknowledged_total = 0;
    let mut per_run = Vec::new();
    let started = Instant::now();
    for run in 0..RUNS {
        let mut server = serve(&db);
        let kill_after = Duration::from_millis(30 + random(&mut seed) % 1500);
        let pid = server.child.id();
        let killer = std::thread::spawn(move || {
            std::thread::sleep(kill_after);
            // SIGKILL: no chance to flush or clean up.
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        });
        let mut in_flight = None;
        let mut acknowledged = 0;
        for i in 0..MAX_EDITS_PER_RUN {
            let person = &people[(run as usize * 37 + i) % people.len()];
            let to = &stations[(run as usize + i) % stations.len()];
            let args = json!({"police_numbers": [person], "to": to});
            match try_call(&server, "move_people", &args) {
                Some(_) => {
                    expected.insert(person.clone(), to.clone());
                    acknowledged += 1;
                }
                None => {
                    in_flight = Some((person.clone(), to.clone()));
                    break;
                }
            }
        }
        killer.join().expect("killer");
        let _ = server.child.wait();
        assert!(
            acknowledged < MAX_EDITS_PER_RUN,
            "run {run}: the kill came after the stream"
        );
        acknowledged_total += acknowledged;
        per_run.push(acknowledged);

        // Reopening checks application id, version and integrity_check.
        let mut ws = Workspace::open(&db).unwrap_or_else(|e| panic!("run {run}: {e}"));
        let id = ws.current_scenario_id().expect("scenario");
        let draft = ws.scenario(id).expect("scenario").draft;
        for (person, unit) in &expected {
            let now = draft.assignment.get(person).map(|u| json!(u));
            let in_flight_here = in_flight.as_ref().filter(|(p, _)| p == person);
            match in_flight_here {
                // The unacknowledged edit either landed whole or not at all.
                Some((_, maybe)) => assert!(
                    now.as_ref() == Some(unit) || now.as_ref() == Some(maybe),
                    "run {run}: {person} at {now:?}"
                ),
                None => assert_eq!(now.as_ref(), Some(unit), "run {run}: {person} lost"),
            }
        }
        if let Some((person, unit)) = in_flight {
            if draft.assignment.get(&person).map(|u| json!(u)) == Some(unit.clone()) {
                expected.insert(person, unit);
            }
        }
        let report = ws.audit_verify().expect("verify");
        assert!(report.intact, "run {run}: {report:?}");
        drop(ws);
    }
    eprintln!(
        "crash test: {RUNS} kills, {acknowledged_total} acknowledged edits, per run {per_run:?}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(acknowledged_total > 0);
}
