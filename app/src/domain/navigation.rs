//! Where to send someone after they have done something.

/// `next` if it is a path on this site, otherwise the home page: a link may not send a
/// person who signs in to another site (an open redirect).
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/people?q=camhs")), "/people?q=camhs");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(local_path(None), "/");
    }

    proptest! {
        #[test]
        fn the_result_never_leaves_the_site(next in "(?s).{0,40}") {
            let path = local_path(Some(&next));
            prop_assert!(path.starts_with('/') && !path.starts_with("//"));
            prop_assert!(url_host(path).is_none());
        }
    }

    /// What a browser would take as the host if it resolved `path` against this site.
    fn url_host(path: &str) -> Option<String> {
        let joined = url::Url::parse("https://champions.test/")
            .unwrap()
            .join(path)
            .ok()?;
        (joined.host_str() != Some("champions.test")).then(|| format!("{:?}", joined.host_str()))
    }
}
