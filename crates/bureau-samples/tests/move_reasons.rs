//! The reason of each move (调整原因) on a generated bureau (not the sample): every move the
//! optimiser proposes has one, the proposal's reasons are the ones `MoveReasons` gives the
//! accepted plan, their counts add up to the people adjusted, and a pinned move says so.

use bureau_core::checker::check;
use bureau_core::move_reasons::{MoveReason, MoveReasons};
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, Draft, Tier};

#[test]
fn every_move_of_a_solved_plan_has_the_reason_every_output_counts() {
    let bureau = bureau_samples::test_county();
    let (structure, mut draft) = apply(Template::OnePlusFive, &bureau);
    let rules = default_rules(&bureau, &structure);
    // One office officer pinned into an office department the merge map does not send them to.
    let (pinned, to) = bureau
        .people
        .iter()
        .filter(|p| p.is_officer())
        .find_map(|p| {
            let to = structure.units.iter().find(|u| {
                u.parent.is_none()
                    && u.tier == Tier::Office
                    && bureau_core::metrics::is_move(&structure, &p.current_unit, &u.id)
            })?;
            Some((p.police_number.clone(), to.id.clone()))
        })
        .expect("an officer and a department elsewhere");
    draft.assignment.insert(pinned.clone(), to.clone());
    draft.pins = vec![pinned.clone()];
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &SolveSettings::default(),
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Optimal, "{:#?}", out.diagnosis);
    assert!(check(
        &bureau,
        &structure,
        &rules,
        &out.assignment,
        &out.plan(&draft)
    )
    .iter()
    .all(|v| !v.hard));
    let m = compute_metrics(&bureau, &structure, &out.assignment, &out.community);
    assert_eq!(out.moves.len() as u32, m.moved);
    // The accepted plan, as the exports see it.
    let accepted = Draft {
        assignment: out.assignment.clone(),
        pins: draft.pins.clone(),
        exclusions: draft.exclusions.clone(),
        community: out.community.clone(),
    };
    let reasons = MoveReasons::new(&bureau, &structure, &rules, &accepted);
    for mv in &out.moves {
        let p = bureau.person(&mv.police_number).expect("a person");
        assert_eq!(mv.reason, reasons.reason(p, &mv.to), "{mv:?}");
        assert_ne!(mv.reason, MoveReason::FunctionTransfer, "{mv:?}");
    }
    let counts = reasons.counts(&out.assignment);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<u32>(), m.moved);
    let pinned_move = out
        .moves
        .iter()
        .find(|mv| mv.police_number == pinned)
        .expect("the pinned person moves");
    assert_eq!(pinned_move.reason, MoveReason::Pinned);
    assert_eq!(pinned_move.to, to);
    // The reasons the generated plan shows beyond the pin: people sent down.
    assert!(
        counts
            .iter()
            .any(|(r, _)| matches!(r, MoveReason::StrengthenStation | MoveReason::SeniorsDown)),
        "{counts:?}"
    );
}
