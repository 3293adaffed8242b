//! The demo's meeting series: every two months on the second Tuesday, begun six months ago,
//! so three or four meetings have been held and the next year's are scheduled.

use crate::{
    db::meetings,
    domain::meetings::{DEFAULT_RULE, ValidSeries},
};
use chrono::{Datelike, Months, NaiveDate, NaiveTime, Utc, Weekday};
use sea_orm::{ConnectionTrait, DbErr};

pub async fn seed(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let now = Utc::now();
    let six_months_ago = meetings::local_now(now).date() - Months::new(6);
    let first = NaiveDate::from_weekday_of_month_opt(
        six_months_ago.year(),
        six_months_ago.month(),
        Weekday::Tue,
        2,
    )
    .ok_or(DbErr::Custom("every month has a second Tuesday".into()))?;
    let series = ValidSeries {
        name: "Think Family champions' network".into(),
        rule: DEFAULT_RULE.into(),
        first_date: first,
        start: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        end: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
        venue: "Committee Room 2, Civic Centre".into(),
        online_link: "https://teams.example.org/l/meetup-join/think-family-champions".into(),
    };
    meetings::insert_series(txn, &series, now).await.map(drop)
}
