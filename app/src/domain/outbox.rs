//! The state of an email in the outbox, as coordinators see it, and how long the worker waits
//! before trying a failed one again.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Waits never grow beyond this, so a message whose server was down for a day goes out
/// within the hour after it comes back.
pub const MAX_RETRY_DELAY: Duration = Duration::hours(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    Queued,
    /// Tried at least once and not yet accepted by the mail server; tried again later.
    Failing,
    Sent,
}

impl DeliveryState {
    pub fn label(self) -> &'static str {
        match self {
            DeliveryState::Queued => "Queued",
            DeliveryState::Failing => "Failing",
            DeliveryState::Sent => "Sent",
        }
    }
}

/// One email, without its body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i32,
    pub recipient: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub state: DeliveryState,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// How long to wait after the `attempts`-th failure: `base`, then doubling, at most
/// `MAX_RETRY_DELAY`.
pub fn retry_delay(attempts: u32, base: Duration) -> Duration {
    let doublings = attempts.saturating_sub(1).min(30);
    base.checked_mul(1 << doublings)
        .map_or(MAX_RETRY_DELAY, |d| d.min(MAX_RETRY_DELAY))
        .max(Duration::zero())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn waits_double_from_the_base_up_to_the_cap() {
        let base = Duration::seconds(30);
        let waits: Vec<_> = (1..=4)
            .map(|n| retry_delay(n, base).num_seconds())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240]);
        assert_eq!(retry_delay(12, base), MAX_RETRY_DELAY);
        assert_eq!(retry_delay(u32::MAX, base), MAX_RETRY_DELAY);
    }

    proptest! {
        #[test]
        fn a_later_failure_never_waits_less(attempts in 1u32..200, base_ms in 1i64..10_000_000) {
            let base = Duration::milliseconds(base_ms);
            let (now, next) = (retry_delay(attempts, base), retry_delay(attempts + 1, base));
            prop_assert!(next >= now);
            prop_assert!(next <= MAX_RETRY_DELAY);
            prop_assert!(now >= base.min(MAX_RETRY_DELAY));
        }
    }
}
