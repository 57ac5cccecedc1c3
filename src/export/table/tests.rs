//! How table answers read in a charter: flags judged on the day, numbers outside their range,
//! dates that cannot be read, and the columns a format writes.

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn record(cells: &[(&str, Scalar)]) -> Record {
    cells
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn text(t: &str) -> Scalar {
    Scalar::Text(t.to_string())
}

#[test]
fn steps_past_due_and_not_done_are_overdue() {
    let rows = [
        record(&[("step", text("a")), ("due", text("2026-11-30"))]),
        record(&[
            ("step", text("b")),
            ("due", text("2026-11-30")),
            ("status", text(" Done ")),
        ]),
        record(&[("step", text("c")), ("due", text("2026-12-01"))]),
        record(&[("step", text("d")), ("due", text("after Easter"))]),
        record(&[]),
    ];
    let table = TableOut::build(Kind::Steps, &rows, day("2026-12-01")).expect("rows");
    let flags: Vec<_> = table.rows.iter().map(|r| r.flag).collect();
    assert_eq!(flags, [Some(Flag::Overdue), None, None, None]);
    let shown = table.shown(&table.rows[0]);
    assert_eq!(
        shown[2],
        Shown::Date(day("2026-11-30"), Some(Flag::Overdue))
    );
    assert_eq!(table.shown(&table.rows[3])[2], Shown::Text("after Easter"));
}

#[test]
fn the_log_is_in_date_order_and_flags_due_follow_ups() {
    let rows = [
        record(&[("date", text("someday")), ("problem", text("x"))]),
        record(&[
            ("date", text("2026-11-20")),
            ("follow_up", text("2026-12-01")),
        ]),
        record(&[
            ("date", text("2026-10-02")),
            ("follow_up", text("2026-11-01")),
            ("outcome", text("worked")),
        ]),
        record(&[
            ("date", text("2026-11-03")),
            ("follow_up", text("2026-12-02")),
        ]),
    ];
    let table = TableOut::build(Kind::Log, &rows, day("2026-12-01")).expect("rows");
    let order: Vec<_> = table
        .rows
        .iter()
        .map(|r| match &r.cells[0] {
            CellOut::Date(d) => d.text.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(order, ["2026-10-02", "2026-11-03", "2026-11-20", "someday"]);
    let flags: Vec<_> = table.rows.iter().map(|r| r.flag).collect();
    assert_eq!(flags, [None, None, Some(Flag::FollowUpDue), None]);
}

#[test]
fn harvest_shows_done_of_target_and_dimensions_a_gauge() {
    let rows = [
        record(&[("output", text("blog")), ("target", Scalar::Integer(6))]),
        record(&[("output", text("bid")), ("target", Scalar::Integer(0))]),
    ];
    let table = TableOut::build(Kind::Targets, &rows, day("2026-12-01")).expect("rows");
    assert_eq!(table.headers().len(), 4);
    assert_eq!(
        table.shown(&table.rows[0])[3],
        Shown::Fraction { done: 0, target: 6 }
    );
    assert_eq!(table.shown(&table.rows[1])[3], Shown::Blank);

    assert_eq!(gauge(&CellOut::Number(3)).as_deref(), Some("▰▰▰▱▱▱▱▱▱▱"));
    assert_eq!(
        gauge(&CellOut::Number(42)),
        None,
        "off the scale: not drawn"
    );
    assert_eq!(gauge(&CellOut::Text("three".into())), None);
    let steps = bar(&CellOut::Number(2), &CellOut::Number(4)).expect("a number");
    assert_eq!(&steps[..5], ["on", "on", "aim", "aim", "off"]);
}
