//! Metrics of the hand-written `tiny` bureau, against numbers computed by hand.
//!
//! tiny: 9 officers, 3 auxiliaries. Today 6 officers sit in three office units and 3 in two
//! stations (2 of them community police). The draft moves 杨勇 (治安大队, 52, non-leader) down
//! to 河口派出所, puts 陈静 in 警务指挥部 (治安's second destination: not a move) and leaves
//! 周杰 unassigned (he still counts in his old station).

use bureau_core::{compute_metrics, BureauFile};

fn tiny() -> BureauFile {
    BureauFile::parse(include_str!("../../../fixtures/tiny.json")).expect("tiny.json is valid")
}

#[test]
fn totals_and_ratios_match_hand_computation() {
    let file = tiny();
    let draft = file.draft.clone().expect("tiny has a draft");
    let (bureau, structure, _) = file.into_parts();
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);

    assert_eq!((m.total_officers, m.total_auxiliaries), (9, 3));
    assert_eq!((m.unassigned_officers, m.unassigned_auxiliaries), (1, 0));

    assert_eq!(m.before.office_officers, 6);
    assert_eq!(m.before.grassroots_officers, 3);
    assert_eq!(m.before.station_officers, 3);
    assert_eq!(m.before.community_officers, 2);
    assert_eq!(
        (m.before.office_auxiliaries, m.before.grassroots_auxiliaries),
        (1, 2)
    );
    assert_eq!((m.before.heads, m.before.deputies), (3, 1));
    assert_eq!((m.before.head_posts, m.before.deputy_posts), (5, 4));

    assert_eq!(m.after.office_officers, 5);
    assert_eq!(m.after.grassroots_officers, 4);
    assert_eq!(m.after.station_officers, 4);
    // 杨勇 arrives from an office unit without a community post: the plan gives none.
    assert_eq!(m.after.community_officers, 2);
    assert_eq!((m.after.heads, m.after.deputies), (3, 1));
    assert_eq!((m.after.head_posts, m.after.deputy_posts), (5, 4));

    assert!((m.station_share_before - 3.0 / 9.0).abs() < 1e-12);
    assert!((m.station_share - 4.0 / 9.0).abs() < 1e-12);
    assert!((m.grassroots_share - 4.0 / 9.0).abs() < 1e-12);
    assert!((m.community_share - 0.5).abs() < 1e-12);
    assert!((m.office_reduction - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!((m.moved, m.moved_down), (1, 1));
}

#[test]
fn per_unit_counts_roll_up_to_departments() {
    let file = tiny();
    let draft = file.draft.clone().expect("tiny has a draft");
    let (bureau, structure, _) = file.into_parts();
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    let unit = |id: &str| {
        m.new_units
            .iter()
            .find(|u| u.unit_id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let cmd = unit("n-cmd");
    assert_eq!((cmd.officers, cmd.auxiliaries), (2, 1));
    assert_eq!((cmd.officers_total, cmd.auxiliaries_total), (3, 1));
    assert_eq!((cmd.heads, cmd.deputies), (1, 1));
    let zh = unit("n-cmd-zh");
    assert_eq!((zh.officers, zh.officers_total), (1, 1));
    assert_eq!(unit("n-inv").officers_total, 2);
    let ps1 = unit("n-ps1");
    assert_eq!(
        (ps1.officers, ps1.auxiliaries, ps1.community_officers),
        (2, 1, 1)
    );
    let ps2 = unit("n-ps2");
    assert_eq!(
        (ps2.officers, ps2.auxiliaries, ps2.community_officers),
        (1, 1, 0)
    );
    assert_eq!(m.new_units.len(), structure.units.len());

    let old = |id: &str| {
        m.old_units
            .iter()
            .find(|u| u.unit_id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert_eq!(
        (old("o-office").officers, old("o-office").auxiliaries),
        (2, 1)
    );
    assert_eq!(old("o-ps2").community_officers, 1);
}

#[test]
fn empty_assignment_reproduces_today() {
    let (bureau, structure, _) = tiny().into_parts();
    let m = compute_metrics(
        &bureau,
        &structure,
        &Default::default(),
        &Default::default(),
    );
    // Everyone still counts in their old unit; only the posts on offer differ (new units).
    let mut after = m.after;
    after.head_posts = m.before.head_posts;
    after.deputy_posts = m.before.deputy_posts;
    assert_eq!(m.before, after);
    assert_eq!(m.unassigned_officers, 9);
    assert_eq!(m.moved, 0);
    assert!((m.office_reduction).abs() < 1e-12);
    assert!(m.new_units.iter().all(|u| u.officers_total == 0));
}

#[test]
fn each_persons_transfer_is_decided_once_and_counted_by_the_metrics() {
    use bureau_core::metrics::{MoveIndex, Transfer};
    let file = tiny();
    let mut draft = file.draft.clone().expect("tiny has a draft");
    let (bureau, structure, _) = file.into_parts();
    // An auxiliary sent from the office to a station and an officer between stations: both
    // adjusted, neither sent down (下沉 counts office officers only).
    draft.assignment.insert("200001".into(), "n-ps1".into());
    draft.assignment.insert("100007".into(), "n-ps2".into());
    let moves = MoveIndex::new(&structure);
    let way = |number: &str| {
        let p = bureau.person(number).expect("person");
        let old = bureau.old_unit(&p.current_unit).expect("old unit");
        moves.transfer(p, old, moves.placed(&draft.assignment, p))
    };
    for (number, expected) in [
        ("100001", Transfer::Direct),   // 张伟: 办公室 → 警务指挥部
        ("100002", Transfer::Within),   // 王芳: 办公室 → 警务指挥部's room
        ("100005", Transfer::Direct),   // 陈静: 治安 → its second destination
        ("100006", Transfer::Down),     // 杨勇: 治安 → a station
        ("100007", Transfer::Adjusted), // 赵磊: one station → another
        ("100009", Transfer::Unplaced), // 周杰: not in the draft
        ("200001", Transfer::Adjusted), // 吴娜: an auxiliary, office → station
        ("200002", Transfer::Direct),
    ] {
        assert_eq!(way(number), expected, "{number}");
    }
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    let all: Vec<Transfer> = bureau
        .people
        .iter()
        .map(|p| way(&p.police_number))
        .collect();
    let count = |t: Transfer| all.iter().filter(|x| **x == t).count() as u32;
    assert_eq!(m.moved, count(Transfer::Down) + count(Transfer::Adjusted));
    assert_eq!(m.moved_down, count(Transfer::Down));
    assert_eq!(m.moved_within, count(Transfer::Within));
    assert_eq!(
        m.unassigned_officers + m.unassigned_auxiliaries,
        count(Transfer::Unplaced)
    );
    assert_eq!((m.moved, m.moved_down, m.moved_within), (3, 1, 1));
}
