//! Meetings' pages kept as rendered. A meeting's page is the heaviest the service draws (an
//! agenda of up to 100 items with their papers and order buttons, and every member's answer),
//! and it is read far more often than it changes. Each person's view of one meeting is kept
//! with the `page_revision` it was read at and the time the clock alone next changes it, and
//! used again while both hold; any change to what the page shows raises the revision (database
//! triggers), so the next reader renders it again. A page that comes back with a problem in a
//! form is never kept: what was typed is one person's, once.

use std::sync::Arc;

/// A meeting's page as rendered for one reader: its title and summary for the head, and the
/// body's HTML.
pub struct RenderedMeeting {
    pub title: String,
    pub description: String,
    pub body: Arc<str>,
}

#[cfg(feature = "ssr")]
pub use kept::KeptPages;

#[cfg(feature = "ssr")]
mod kept {
    use super::RenderedMeeting;
    use chrono::{DateTime, Utc};
    use std::sync::Arc;

    /// At most this many bytes of HTML are kept: a meeting's page is 20 to 70 KB.
    const KEPT_BYTES: u64 = 8 << 20;

    struct Kept {
        revision: i64,
        until: Option<DateTime<Utc>>,
        page: Arc<RenderedMeeting>,
    }

    /// The pages kept, by meeting and reader (account). One per server.
    #[derive(Clone)]
    pub struct KeptPages(moka::sync::Cache<(i32, i32), Arc<Kept>>);

    impl Default for KeptPages {
        fn default() -> Self {
            Self(
                moka::sync::Cache::builder()
                    .weigher(|_, kept: &Arc<Kept>| {
                        u32::try_from(kept.page.body.len()).unwrap_or(u32::MAX)
                    })
                    .max_capacity(KEPT_BYTES)
                    .build(),
            )
        }
    }

    impl KeptPages {
        /// The page `account` was shown of `meeting`, if it was rendered at `revision` and the
        /// clock has not changed it since.
        pub fn get(
            &self,
            (meeting, account): (i32, i32),
            revision: i64,
            now: DateTime<Utc>,
        ) -> Option<Arc<RenderedMeeting>> {
            self.0
                .get(&(meeting, account))
                .filter(|kept| kept.revision == revision && kept.until.is_none_or(|t| now < t))
                .map(|kept| kept.page.clone())
        }

        /// Keeps a page rendered from data read after `revision` was; `until`: when the clock
        /// changes it.
        pub fn keep(
            &self,
            (meeting, account): (i32, i32),
            revision: i64,
            until: Option<DateTime<Utc>>,
            page: Arc<RenderedMeeting>,
        ) {
            let kept = Kept {
                revision,
                until,
                page,
            };
            self.0.insert((meeting, account), Arc::new(kept));
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use chrono::TimeZone;

        fn page(body: &str) -> Arc<RenderedMeeting> {
            Arc::new(RenderedMeeting {
                title: "Meeting".into(),
                description: "Meeting.".into(),
                body: body.into(),
            })
        }

        #[test]
        fn a_page_is_used_only_at_its_revision_for_its_reader_and_before_the_clock_changes_it() {
            let kept = KeptPages::default();
            let now = Utc.with_ymd_and_hms(2027, 1, 12, 9, 0, 0).unwrap();
            let starts = Utc.with_ymd_and_hms(2027, 1, 12, 10, 0, 0).unwrap();
            kept.keep((4, 7), 12, Some(starts), page("<p>agenda</p>"));
            let body = |found: Option<Arc<RenderedMeeting>>| found.map(|p| p.body.to_string());
            assert_eq!(
                body(kept.get((4, 7), 12, now)).as_deref(),
                Some("<p>agenda</p>")
            );
            assert_eq!(body(kept.get((4, 7), 13, now)), None, "changed since");
            assert_eq!(body(kept.get((4, 8), 12, now)), None, "another reader");
            assert_eq!(body(kept.get((5, 7), 12, now)), None, "another meeting");
            assert_eq!(
                body(kept.get((4, 7), 12, starts)),
                None,
                "the meeting has started"
            );
            kept.keep((4, 7), 13, None, page("<p>new</p>"));
            assert_eq!(
                body(kept.get((4, 7), 13, starts)).as_deref(),
                Some("<p>new</p>")
            );
        }
    }
}
