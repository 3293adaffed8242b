//! Slowing down password guessing: after too many failed sign-ins in a window, further tries
//! wait until the oldest failure leaves the window. Nothing is locked for good.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub failures: usize,
    pub window: Duration,
}

/// Per email address, whether or not it has an account (so the limit reveals nothing).
pub const PER_ACCOUNT: Limit = Limit {
    failures: 5,
    window: Duration::minutes(15),
};
/// Per client address: higher, as several people may share one office connection.
pub const PER_ADDRESS: Limit = Limit {
    failures: 50,
    window: Duration::minutes(15),
};

/// `Ok` if another try is allowed now, otherwise how many whole minutes to wait (at least 1).
/// `failures` are the times of recent failures, in any order.
pub fn check(failures: &[DateTime<Utc>], limit: Limit, now: DateTime<Utc>) -> Result<(), i64> {
    let mut recent: Vec<_> = failures
        .iter()
        .filter(|at| **at > now - limit.window)
        .collect();
    if recent.len() < limit.failures {
        return Ok(());
    }
    recent.sort();
    // Allowed again once enough failures have left the window.
    let frees_at = *recent[recent.len() - limit.failures] + limit.window;
    let seconds = (frees_at - now).num_seconds().max(1);
    Err((seconds + 59) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(now: DateTime<Utc>, minutes_ago: i64) -> DateTime<Utc> {
        now - Duration::minutes(minutes_ago)
    }

    #[test]
    fn the_sixth_try_in_fifteen_minutes_waits_for_the_oldest_to_expire() {
        let now = Utc::now();
        let four: Vec<_> = (1..=4).map(|m| at(now, m)).collect();
        assert_eq!(check(&four, PER_ACCOUNT, now), Ok(()));
        let five: Vec<_> = (1..=5).map(|m| at(now, m)).collect();
        assert_eq!(
            check(&five, PER_ACCOUNT, now),
            Err(10),
            "oldest was 5 minutes ago"
        );
        let just_now: Vec<_> = (0..5).map(|_| now).collect();
        assert_eq!(check(&just_now, PER_ACCOUNT, now), Err(15));
    }

    #[test]
    fn failures_outside_the_window_do_not_count() {
        let now = Utc::now();
        let old: Vec<_> = (16..=30).map(|m| at(now, m)).collect();
        assert_eq!(check(&old, PER_ACCOUNT, now), Ok(()));
    }

    proptest! {
        #[test]
        fn waiting_the_answer_out_always_allows_a_try(ago in proptest::collection::vec(0i64..30 * 60, 0..20)) {
            let now = Utc::now();
            let failures: Vec<_> = ago.iter().map(|s| now - Duration::seconds(*s)).collect();
            match check(&failures, PER_ACCOUNT, now) {
                Ok(()) => prop_assert!(failures.iter().filter(|f| **f > now - PER_ACCOUNT.window).count() < 5),
                Err(minutes) => {
                    prop_assert!((1..=15).contains(&minutes));
                    prop_assert_eq!(check(&failures, PER_ACCOUNT, now + Duration::minutes(minutes)), Ok(()));
                }
            }
        }
    }
}
