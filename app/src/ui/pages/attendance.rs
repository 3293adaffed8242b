//! Attendance: the coordinator's sheet on a meeting's page, and `/meetings/attendance`, each
//! member's and each staff group's attendance over the last 12 months as bar charts drawn on
//! the server (no JavaScript), each beside a table of the same figures, and as CSV.

use crate::{
    api::meetings::{MarkAttendingPresent, RecordAttendance, attendance_report},
    domain::meetings::attendance::{
        Attendance, AttendanceRow, CHART_WIDTH, ROW_HEIGHT, Tally, bars,
    },
    ui::{
        components::{PageMeta, refusal},
        forms::{Form, returned_value},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};

/// What a coordinator records at or after a meeting: one choice per person expected.
#[component]
pub fn AttendanceSheet(id: i32, rows: Vec<AttendanceRow>) -> impl IntoView {
    let said_yes = rows
        .iter()
        .filter(|r| {
            r.answer == Some(crate::domain::meetings::Answer::Attending) && r.attendance.is_none()
        })
        .count();
    view! {
        <h2 class="govuk-heading-l" id="attendance">"Attendance"</h2>
        {(said_yes > 0).then(|| view! {
            <Form action=MarkAttendingPresent::PATH id=Some(id)>
                <button type="submit" class="govuk-button govuk-button--secondary">
                    {format!("Mark the {said_yes} who said they would attend as present")}
                </button>
            </Form>
        })}
        <Form action=RecordAttendance::PATH id=Some(id)>
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Who came"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Their answer"</th>
                        <th scope="col" class="govuk-table__header">"What happened"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {rows.into_iter().enumerate().map(|(i, row)| view! { <SheetRow i row /> }).collect_view()}
                </tbody>
            </table>
            <button type="submit" class="govuk-button">"Save attendance"</button>
        </Form>
        <p class="govuk-body"><a class="govuk-link" href="/meetings/attendance">"Attendance over the last 12 months"</a></p>
    }
}

/// One person's line of the sheet. Inside the sheet's form, so that when it comes back with a
/// problem each line shows what was chosen rather than what is stored.
#[component]
fn SheetRow(i: usize, row: AttendanceRow) -> impl IntoView {
    let field = format!("mark-{i}");
    let who = row.who.key();
    let sent = returned_value(&format!("mark[{i}]"));
    let chosen = |value: &str, stored: bool| sent.as_deref().map_or(stored, |sent| sent == value);
    let name = match &row.guest_of {
        Some(org) if !org.is_empty() => format!("{} (guest, {org})", row.name),
        Some(_) => format!("{} (guest)", row.name),
        None => row.name.clone(),
    };
    let said = row.answer.map_or("No answer", |a| a.label());
    let not_recorded = format!("{who}:");
    view! {
        <tr class="govuk-table__row">
            <td class="govuk-table__cell">{name.clone()}</td>
            <td class="govuk-table__cell">{said}</td>
            <td class="govuk-table__cell">
                <label class="govuk-label govuk-visually-hidden" for=field.clone()>{format!("What happened for {name}")}</label>
                <select class="govuk-select" id=field name=format!("mark[{i}]")>
                    <option value=not_recorded.clone() selected=chosen(&not_recorded, row.attendance.is_none())>"Not recorded"</option>
                    {Attendance::ALL.into_iter().map(|a| {
                        let value = format!("{who}:{}", a.as_str());
                        let selected = chosen(&value, row.attendance == Some(a));
                        view! { <option value=value selected=selected>{a.label()}</option> }
                    }).collect_view()}
                </select>
            </td>
        </tr>
    }
}

/// `/meetings/attendance`. Coordinators only.
#[component]
pub fn AttendancePage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                let report = match attendance_report().await {
                    Ok(report) => report,
                    Err(error) => return refusal(error, "/meetings/attendance"),
                };
                let since = crate::domain::meetings::long_date(report.since);
                let meetings = report.meetings;
                view! {
                    <PageMeta title="Attendance" description="How often each member and each staff group came to the network's meetings over the last 12 months." />
                    <h1 class="govuk-heading-xl">"Attendance"</h1>
                    <p class="govuk-body">
                        {format!(
                            "The {meetings} {} held since {since} with attendance recorded. Present in person, online or through a deputy counts as attended.",
                            if meetings == 1 { "meeting" } else { "meetings" }
                        )}
                    </p>
                    <p class="govuk-body">
                        <a class="govuk-link" href="/api/attendance.csv" download="attendance.csv">"Download as CSV"</a>
                    </p>
                    <h2 class="govuk-heading-l">"By staff group"</h2>
                    <Figures id="groups" title="Attendance by staff group, per cent of meetings" tallies=report.groups by="Staff group" />
                    <h2 class="govuk-heading-l">"By member"</h2>
                    <Figures id="members" title="Attendance by member, per cent of meetings" tallies=report.members by="Member" />
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// A chart and, beside it, the table of the same figures.
#[component]
fn Figures(
    id: &'static str,
    title: &'static str,
    tallies: Vec<Tally>,
    by: &'static str,
) -> impl IntoView {
    if tallies.iter().all(|t| t.recorded == 0) {
        return view! { <p class="govuk-body">"No attendance has been recorded yet."</p> }
            .into_any();
    }
    let rows = tallies
        .iter()
        .map(|t| view! {
            <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">{t.label.clone()}</th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{t.attended()}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{t.recorded}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{format!("{}%", t.percent())}</td>
            </tr>
        })
        .collect_view();
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
                <BarChart id title tallies=tallies.clone() />
            </div>
            <div class="govuk-grid-column-one-half">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">{title}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">{by}</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Attended"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Meetings"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Share"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}

/// Horizontal bars, each with its label above and its figure after it, so nothing depends on
/// colour.
#[component]
fn BarChart(id: &'static str, title: &'static str, tallies: Vec<Tally>) -> impl IntoView {
    let bars = bars(&tallies);
    let height = u32::try_from(bars.len()).unwrap_or(u32::MAX).max(1) * ROW_HEIGHT;
    let (title_id, labelled_by) = (format!("{id}-chart"), format!("{id}-chart"));
    view! {
        <svg
            class="app-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {CHART_WIDTH} {height}")
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{title}</title>
            {bars
                .into_iter()
                .map(|bar| view! {
                    <text class="app-chart__label" x="0" y=bar.y + 16>{bar.label}</text>
                    <rect class="app-chart__bar" x="0" y=bar.y + 22 width=bar.length.max(1) height="18" />
                    <text class="app-chart__figure" x=bar.length + 8 y=bar.y + 37>{format!("{}%", bar.percent)}</text>
                })
                .collect_view()}
        </svg>
    }
}
